using DpoDesk.Breaches;

namespace DpoDesk.Tests;

/// <summary>The ENISA severity on hand-computed cases: every factor, and the edges of every band.</summary>
public sealed class EnisaSeverityTests
{
    static SeverityInputs Inputs(DataKinds data = DataKinds.Simple, int adjust = 0, Identifiability ei = Identifiability.Maximum,
        ConfidentialityLoss c = ConfidentialityLoss.None, IntegrityLoss i = IntegrityLoss.None, AvailabilityLoss a = AvailabilityLoss.None, bool malicious = false) =>
        new(data, adjust, ei, c, i, a, malicious);

    [Theory]
    // DPC: the most serious kind counts; EI 1; no circumstances.
    [InlineData(DataKinds.Simple, 1.0)]
    [InlineData(DataKinds.Behavioural, 2.0)]
    [InlineData(DataKinds.Financial, 3.0)]
    [InlineData(DataKinds.Sensitive, 4.0)]
    [InlineData(DataKinds.Simple | DataKinds.Financial, 3.0)]
    [InlineData(DataKinds.Simple | DataKinds.Behavioural | DataKinds.Sensitive, 4.0)]
    public void The_data_processing_context_is_that_of_the_most_serious_kind(DataKinds data, double expected) =>
        Assert.Equal((decimal)expected, EnisaSeverity.Compute(Inputs(data)).Score);

    [Theory]
    [InlineData(DataKinds.Simple, 1, 2)]
    [InlineData(DataKinds.Financial, -1, 2)]
    [InlineData(DataKinds.Sensitive, 2, 4)] // clamped at 4
    [InlineData(DataKinds.Simple, -3, 1)] // clamped at 1
    [InlineData(DataKinds.Behavioural, 3, 4)]
    public void The_context_adjusts_the_basic_score_within_1_to_4(DataKinds data, int adjust, int dpc) =>
        Assert.Equal(dpc, EnisaSeverity.Compute(Inputs(data, adjust)).Dpc);

    [Theory]
    [InlineData(Identifiability.Negligible, 0.75)] // 3 × 0.25
    [InlineData(Identifiability.Limited, 1.5)]
    [InlineData(Identifiability.Significant, 2.25)]
    [InlineData(Identifiability.Maximum, 3.0)]
    public void Ease_of_identification_multiplies(Identifiability ei, double expected) =>
        Assert.Equal((decimal)expected, EnisaSeverity.Compute(Inputs(DataKinds.Financial, ei: ei)).Score);

    [Theory]
    [InlineData(ConfidentialityLoss.KnownRecipients, IntegrityLoss.None, AvailabilityLoss.None, false, 0.25)]
    [InlineData(ConfidentialityLoss.UnknownRecipients, IntegrityLoss.None, AvailabilityLoss.None, false, 0.5)]
    [InlineData(ConfidentialityLoss.None, IntegrityLoss.Recoverable, AvailabilityLoss.None, false, 0.25)]
    [InlineData(ConfidentialityLoss.None, IntegrityLoss.NotRecoverable, AvailabilityLoss.None, false, 0.5)]
    [InlineData(ConfidentialityLoss.None, IntegrityLoss.None, AvailabilityLoss.Temporary, false, 0.25)]
    [InlineData(ConfidentialityLoss.None, IntegrityLoss.None, AvailabilityLoss.Full, false, 0.5)]
    [InlineData(ConfidentialityLoss.None, IntegrityLoss.None, AvailabilityLoss.None, true, 0.5)]
    [InlineData(ConfidentialityLoss.UnknownRecipients, IntegrityLoss.NotRecoverable, AvailabilityLoss.Full, true, 2.0)]
    public void Each_circumstance_adds_its_amount(ConfidentialityLoss c, IntegrityLoss i, AvailabilityLoss a, bool malicious, double cb)
    {
        var result = EnisaSeverity.Compute(Inputs(ei: Identifiability.Negligible, c: c, i: i, a: a, malicious: malicious));
        Assert.Equal((decimal)cb, result.Cb);
        Assert.Equal(0.25m + (decimal)cb, result.Score);
    }

    [Theory]
    // Score just under, at and over each edge: 1.75 low, 2.0 medium (exactly 2 is medium), 2.75 medium, 3.0 high, 3.75 high, 4.0 very high.
    [InlineData(DataKinds.Simple, Identifiability.Maximum, ConfidentialityLoss.None, 0.75, SeverityBand.Low)] // 1 + 0.75 = 1.75
    [InlineData(DataKinds.Behavioural, Identifiability.Maximum, ConfidentialityLoss.None, 0, SeverityBand.Medium)] // 2.0
    [InlineData(DataKinds.Behavioural, Identifiability.Maximum, ConfidentialityLoss.None, 0.75, SeverityBand.Medium)] // 2.75
    [InlineData(DataKinds.Financial, Identifiability.Maximum, ConfidentialityLoss.None, 0, SeverityBand.High)] // 3.0
    [InlineData(DataKinds.Financial, Identifiability.Maximum, ConfidentialityLoss.None, 0.75, SeverityBand.High)] // 3.75
    [InlineData(DataKinds.Sensitive, Identifiability.Maximum, ConfidentialityLoss.None, 0, SeverityBand.VeryHigh)] // 4.0
    public void The_bands_have_their_edges_where_the_method_puts_them(DataKinds data, Identifiability ei, ConfidentialityLoss c, double extra, SeverityBand band)
    {
        // The extra comes from integrity (0.25) and availability (0.5) losses.
        var integrity = extra is 0.25 or 0.75 ? IntegrityLoss.Recoverable : IntegrityLoss.None;
        var availability = extra is 0.5 or 0.75 ? AvailabilityLoss.Full : AvailabilityLoss.None;
        var result = EnisaSeverity.Compute(Inputs(data, ei: ei, c: c, i: integrity, a: availability));
        Assert.Equal(band, result.Band);
    }

    [Fact]
    public void The_reasoning_shows_every_factor_and_the_sum()
    {
        var result = EnisaSeverity.Compute(Inputs(DataKinds.Simple | DataKinds.Financial, 1, Identifiability.Significant, ConfidentialityLoss.UnknownRecipients, malicious: true));
        // DPC 3 + 1 = 4; EI 0.75; CB 0.5 + 0.5 = 1.0; SE = 4 × 0.75 + 1 = 4.0: very high.
        Assert.Equal(4.0m, result.Score);
        Assert.Equal(SeverityBand.VeryHigh, result.Band);
        Assert.Equal(["DPC basic", "DPC adjusted", "EI", "CB confidentiality", "CB integrity", "CB availability", "CB malicious intent", "SE"], result.Steps.Select(s => s.Factor));
        Assert.Contains("4 × 0.75 + 1.0 = 4.00", result.Steps[^1].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void An_adjustment_beyond_three_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EnisaSeverity.Compute(Inputs(adjust: 4)));
}
