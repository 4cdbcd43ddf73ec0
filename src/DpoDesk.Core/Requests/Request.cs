namespace DpoDesk.Requests;

[Flags]
public enum RequestActions
{
    None = 0,

    /// <summary>Erase my data (Art. 17).</summary>
    Erasure = 1,

    /// <summary>Tell me where my data came from (Art. 14(2)(f), 15(1)(g)).</summary>
    SourceInquiry = 2,

    /// <summary>Stop sharing my data with other companies (Art. 21, 18).</summary>
    SharingObjection = 4,
}

public enum RequestChannel
{
    Web = 1,
    Post = 2,
}

public enum RequestState
{
    AwaitingConfirmation = 1,
    Confirmed = 2,
    Completed = 3,
    Expired = 4,
}

public enum RequestOutcome
{
    None = 0,
    DataFound = 1,
    NoDataFound = 2,
    NotConfirmed = 3,
}

/// <summary>A data-subject request (zgłoszenie), from intake to its result.</summary>
public sealed class Request
{
    public long Id { get; set; }

    /// <summary>The human number, e.g. IOD/2026/000123.</summary>
    public required string Number { get; set; }

    public RequestActions Actions { get; set; }
    public RequestChannel Channel { get; set; }
    public RequestState State { get; set; }
    public RequestOutcome Outcome { get; set; }

    /// <summary>The language the person used: replies are written in it.</summary>
    public required string Language { get; set; }

    // The person's data as given, purged when an unconfirmed request expires.
    public string? FullName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>A keyed hash of the e-mail, so the status page works without keeping the e-mail.</summary>
    public required byte[] EmailLookupKey { get; set; }

    /// <summary>SHA-256 of the confirmation token; the token itself exists only in the e-mail.</summary>
    public byte[]? ConfirmationTokenHash { get; set; }

    /// <summary>Identifies one filled-in form, so that a double submit makes one request.</summary>
    public Guid SubmissionKey { get; set; }

    public DateTime ReceivedAt { get; set; }
    public DateTime ConfirmationExpiresAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? PurgedAt { get; set; }

    /// <summary>The legal deadline: one month from receipt (Art. 12(3)).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>The house promise: 72 hours from receipt.</summary>
    public DateTime TargetAt { get; set; }

    public int RecordsFound { get; set; }
    public int RecordsErased { get; set; }
    public int RecordsRestricted { get; set; }

    public List<RequestEvent> Events { get; set; } = [];

    public void Record(DateTime at, RequestEventKind kind, string? detail = null) =>
        Events.Add(new RequestEvent { At = at, Kind = kind, Detail = detail });
}

public enum RequestEventKind
{
    Received = 1,
    Confirmed = 3,
    Matched = 4,
    Erased = 5,
    SharingRestricted = 6,
    SourcesReported = 7,
    Completed = 8,
    Expired = 9,
    PersonalDataPurged = 10,
    MessageQueued = 11,
    DeliveryAttemptFailed = 12,
    MessageDelivered = 13,
    MessageFailed = 14,
}

/// <summary>One step on a request's timeline. Details never hold the person's data.</summary>
public sealed class RequestEvent
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public DateTime At { get; set; }
    public RequestEventKind Kind { get; set; }
    public string? Detail { get; set; }
}
