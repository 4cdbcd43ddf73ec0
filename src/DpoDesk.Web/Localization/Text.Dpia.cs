using DpoDesk.Dpia;

namespace DpoDesk.Web.Localization;

/// <summary>The DPIA's words.</summary>
public static partial class Text
{
    public static string CriterionName(ScreeningCriteria criterion) => criterion switch
    {
        ScreeningCriteria.EvaluationOrScoring => T("ocena lub scoring, w tym profilowanie"),
        ScreeningCriteria.AutomatedDecisionsWithLegalEffect => T("zautomatyzowane decyzje o skutkach prawnych"),
        ScreeningCriteria.SystematicMonitoring => T("systematyczne monitorowanie"),
        ScreeningCriteria.SensitiveData => T("dane wrażliwe lub bardzo osobiste"),
        ScreeningCriteria.LargeScale => T("przetwarzanie na dużą skalę"),
        ScreeningCriteria.MatchingOrCombiningDatasets => T("łączenie lub dopasowywanie zbiorów danych"),
        ScreeningCriteria.VulnerableSubjects => T("osoby szczególnie wrażliwe"),
        ScreeningCriteria.InnovativeTechnology => T("innowacyjne rozwiązania technologiczne"),
        _ => T("przetwarzanie uniemożliwiające korzystanie z praw lub usługi"),
    };

    public static string DpiaStateName(DpiaState state) => state switch
    {
        DpiaState.InProgress => T("w toku"),
        DpiaState.NotRequired => T("niewymagana"),
        _ => T("zatwierdzona"),
    };

    public static string RiskName(DpiaRisk risk) => risk switch
    {
        DpiaRisk.IllegitimateAccess => T("nieuprawniony dostęp do danych"),
        DpiaRisk.UnwantedModification => T("niepożądana zmiana danych"),
        _ => T("utrata danych"),
    };
}
