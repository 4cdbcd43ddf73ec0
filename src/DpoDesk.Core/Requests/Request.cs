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
    /// <summary>A web request whose e-mail link has not been opened yet.</summary>
    AwaitingConfirmation = 1,

    /// <summary>Verified and queued: processed automatically within seconds.</summary>
    Confirmed = 2,

    Completed = 3,

    /// <summary>Never confirmed; its personal data are gone.</summary>
    Expired = 4,

    /// <summary>A postal request waiting for an operator to verify it.</summary>
    AwaitingVerification = 5,

    /// <summary>The automatic rules could not settle whose records these are; an operator decides.</summary>
    NeedsReview = 6,

    /// <summary>The clock stopped while the person's identity is checked.</summary>
    Paused = 7,

    /// <summary>Refused as manifestly unfounded or excessive (Art. 12(5)), with reasons.</summary>
    Refused = 8,
}

/// <summary>Whether an operator has settled a review.</summary>
public enum ReviewDecision
{
    None = 0,

    /// <summary>Decided: the uncertain records listed in <see cref="Request.ReviewIncludedContactIds"/> are the person's, the others not.</summary>
    Decided = 1,
}

/// <summary>Why a request is refused (Art. 12(5)).</summary>
public enum RefusalGround
{
    ManifestlyUnfounded = 1,
    Excessive = 2,
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
    public byte[]? EmailLookupKey { get; set; }

    /// <summary>Where a postal request's reply letter goes.</summary>
    public string? PostalAddress { get; set; }

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

    /// <summary>The deadline after an extension (Art. 12(3): up to two further months).</summary>
    public DateOnly? ExtendedDueOn { get; set; }
    public string? ExtensionReason { get; set; }

    /// <summary>While paused for an identity check: since when, and why.</summary>
    public DateTime? PausedAt { get; set; }
    public string? PauseReason { get; set; }

    /// <summary>Why the automatic rules sent it to review (counts and kinds, never the person's data).</summary>
    public string? ReviewReason { get; set; }
    public ReviewDecision ReviewDecision { get; set; }

    /// <summary>The uncertain records an operator found to be the person's, as contact ids ("12,57"); empty: none.</summary>
    public string? ReviewIncludedContactIds { get; set; }

    public IReadOnlySet<long> ReviewIncluded() =>
        (ReviewIncludedContactIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    public RefusalGround? RefusalGround { get; set; }

    /// <summary>An earlier open request of the same person, when this one repeats it.</summary>
    public long? DuplicateOfId { get; set; }

    /// <summary>Failed processing attempts; after a few the request goes to review instead of blocking the queue.</summary>
    public int ProcessingFailures { get; set; }

    /// <summary>The reply as sent (or printed): the text of the result, refusal or other final answer.</summary>
    public string? ReplySubject { get; set; }
    public string? ReplyBody { get; set; }

    /// <summary>The deadline in force: the extended one if the deadline was extended.</summary>
    public DateOnly EffectiveDueOn => ExtendedDueOn ?? DueOn;

    /// <summary>The states of a request not finished: nothing final has been answered yet.</summary>
    public static readonly RequestState[] OpenStates = [RequestState.AwaitingConfirmation, RequestState.Confirmed, RequestState.AwaitingVerification, RequestState.NeedsReview, RequestState.Paused];

    public bool IsOpen => IsOpenState(State);

    public static bool IsOpenState(RequestState state) => Array.IndexOf(OpenStates, state) >= 0;

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
    PostalRegistered = 15,
    Verified = 16,
    ReviewRequired = 17,
    ReviewDecided = 18,
    Paused = 19,
    Resumed = 20,
    Extended = 21,
    Refused = 22,
    DuplicateLinked = 23,
    ProcessingFailed = 24,
    LetterPrinted = 25,
    PhoneReplySent = 26,
    RecipientsNotified = 27,
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
