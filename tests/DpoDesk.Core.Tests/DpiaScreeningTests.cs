using DpoDesk.Dpia;

namespace DpoDesk.Tests;

/// <summary>WP248: two or more of the nine criteria mean a DPIA is needed.</summary>
public sealed class DpiaScreeningTests
{
    [Theory]
    [InlineData(ScreeningCriteria.None, false)]
    [InlineData(ScreeningCriteria.LargeScale, false)]
    [InlineData(ScreeningCriteria.LargeScale | ScreeningCriteria.MatchingOrCombiningDatasets, true)]
    [InlineData(ScreeningCriteria.EvaluationOrScoring | ScreeningCriteria.SensitiveData | ScreeningCriteria.VulnerableSubjects, true)]
    public void Two_criteria_or_more_make_a_dpia_necessary(ScreeningCriteria criteria, bool needed) =>
        Assert.Equal(needed, DataProtectionAssessment.Needed(criteria));

    [Fact]
    public void There_are_nine_criteria() =>
        Assert.Equal(9, Enum.GetValues<ScreeningCriteria>().Count(c => c != ScreeningCriteria.None));
}
