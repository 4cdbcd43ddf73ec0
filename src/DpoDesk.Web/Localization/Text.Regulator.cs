using DpoDesk.Regulator;

namespace DpoDesk.Web.Localization;

/// <summary>The regulator desk's words.</summary>
public static partial class Text
{
    public static string CaseSubjectName(CaseSubject subject) => subject switch
    {
        CaseSubject.Complaint => T("skarga"),
        CaseSubject.Inquiry => T("zapytanie"),
        CaseSubject.Inspection => T("kontrola"),
        _ => T("naruszenie — dalsze czynności"),
    };

    public static string CaseChannelName(CaseChannel channel) => channel switch
    {
        CaseChannel.Epuap => "ePUAP",
        CaseChannel.Post => T("Poczta"),
        _ => "e-mail",
    };

    public static string CaseStateName(CaseState state) => state switch
    {
        CaseState.New => T("nowa"),
        CaseState.Answering => T("w odpowiedzi"),
        CaseState.Answered => T("odpowiedziano"),
        CaseState.AwaitingDecision => T("czeka na rozstrzygnięcie"),
        _ => T("zamknięta"),
    };

    public static string CaseOutcomeName(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Discontinued => T("umorzenie postępowania"),
        CaseOutcome.Order => T("nakaz"),
        CaseOutcome.ComplaintRejected => T("odmowa uwzględnienia skargi"),
        CaseOutcome.Reprimand => T("upomnienie"),
        CaseOutcome.Fine => T("kara pieniężna"),
        _ => "—",
    };
}
