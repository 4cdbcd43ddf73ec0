namespace DpoDesk.Audit;

/// <summary>
/// One staff action or one view of a person's data: who, what, on which request or person, when and
/// from where. Events only ever get appended; each carries the keyed hash of the one before it, so a
/// changed, removed or inserted event breaks the chain (see <see cref="AuditTrail"/>).
/// </summary>
public sealed class AuditEvent
{
    /// <summary>1, 2, 3, … with no gaps: a gap is a removed event.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    /// <summary>The staff member's sign-in name, or <c>system</c> / <c>cli</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, e.g. <c>request.viewed</c>; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. <c>request:IOD/2026/000123</c>. Never a person's name or address.</summary>
    public string? Subject { get; set; }

    /// <summary>A reason or decision in staff's words.</summary>
    public string? Detail { get; set; }

    /// <summary>The network address the action came from.</summary>
    public string? Address { get; set; }

    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
}

/// <summary>The last link of the chain, so that removing events from its end shows too.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public required byte[] LastHash { get; set; }
}

/// <summary>What staff did, as recorded; who did it comes from the signed-in user.</summary>
public sealed record AuditEntry(string Actor, string Action, string? Subject = null, string? Detail = null, string? Address = null);

/// <summary>The names of audited actions.</summary>
public static class AuditActions
{
    public const string SignedIn = "staff.signed-in";
    public const string SignInFailed = "staff.sign-in-failed";
    public const string SignedOut = "staff.signed-out";
    public const string SignedOutEverywhere = "staff.signed-out-everywhere";
    public const string TwoFactorEnabled = "staff.two-factor-enabled";
    public const string TwoFactorDisabled = "staff.two-factor-disabled";
    public const string StaffInvited = "staff.invited";
    public const string InvitationAccepted = "staff.invitation-accepted";
    public const string RolesChanged = "staff.roles-changed";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string SettingsChanged = "office.settings-changed";
    public const string RequestListViewed = "request.list-viewed";
    public const string RequestSearched = "request.searched";
    public const string RequestViewed = "request.viewed";
    public const string PostalRequestRegistered = "request.postal-registered";
    public const string ScanViewed = "request.scan-viewed";
    public const string LetterPrinted = "request.letter-printed";
    public const string ReviewDecided = "request.review-decided";
    public const string RequestVerified = "request.verified";
    public const string IdentityCheckStarted = "request.identity-check-started";
    public const string IdentityCheckEnded = "request.identity-check-ended";
    public const string DeadlineExtended = "request.deadline-extended";
    public const string RequestRefused = "request.refused";
    public const string PhoneReplySent = "request.phone-reply-sent";
    public const string TemplateChanged = "template.changed";
    public const string OutboxViewed = "outbox.viewed";
    public const string InquiryViewed = "inquiry.viewed";
    public const string InquiryListViewed = "inquiry.list-viewed";
    public const string AttachmentViewed = "inquiry.attachment-viewed";
    public const string InquiryAnswered = "inquiry.answered";
    public const string InquiryConvertedToRequest = "inquiry.converted";
    public const string InquiryClosed = "inquiry.closed";
    public const string AuditVerified = "audit.verified";
    public const string ActivityChanged = "record.activity-changed";
    public const string DpiaScreened = "dpia.screened";
    public const string DpiaSaved = "dpia.saved";
    public const string DpiaSignedOff = "dpia.signed-off";
    public const string CaseOpened = "case.opened";
    public const string CaseUpdated = "case.updated";
    public const string CaseLetterRecorded = "case.letter-recorded";
    public const string CaseRequestLinked = "case.request-linked";
    public const string EvidencePackMade = "case.evidence-pack";
    public const string CaseViewed = "case.viewed";
    public const string BreachRecorded = "breach.recorded";
    public const string BreachUpdated = "breach.updated";
    public const string BreachDecided = "breach.decided";
    public const string BreachViewed = "breach.viewed";
    public const string BreachNotificationPrinted = "breach.notification-printed";
    public const string LicenseeAdded = "licensing.licensee-added";
    public const string ApiKeyRenewed = "licensing.api-key-renewed";
    public const string LicenceAdded = "licensing.licence-added";
    public const string LicenceExported = "licensing.exported";
    public const string DeletionAttested = "licensing.deletion-attested";
    public const string LicensingViewed = "licensing.viewed";
    public const string NoticeAcknowledged = "licensing.notice-acknowledged";
    public const string ArticleSaved = "knowledge.saved";
    public const string ArticlePublished = "knowledge.published";
    public const string CourseSaved = "training.course-saved";
    public const string QuizTaken = "training.quiz-taken";
    public const string CertificateDownloaded = "training.certificate-downloaded";
    public const string TrainingOverviewViewed = "training.overview-viewed";
    public const string ChatPickedUp = "chat.picked-up";
    public const string ChatReplied = "chat.replied";
    public const string ChatHandedOver = "chat.handed-over";
    public const string ChatClosed = "chat.closed";
    public const string ChatLinked = "chat.linked";
    public const string ChatConverted = "chat.converted";
    public const string ChatViewed = "chat.transcript-viewed";
    public const string ChatHoursChanged = "chat.hours-changed";
    public const string ListExported = "list.exported";
    public const string ReportGenerated = "report.generated";
}
