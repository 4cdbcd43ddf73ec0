using System.Globalization;

namespace DpoDesk.Breaches;

/// <summary>The kinds of data in a breach, by the ENISA method's basic data-processing-context score.</summary>
[Flags]
public enum DataKinds
{
    None = 0,

    /// <summary>Simple data: name, contact details, education, family life (basic score 1).</summary>
    Simple = 1,

    /// <summary>Behavioural data: location, traffic, habits and preferences (basic score 2).</summary>
    Behavioural = 2,

    /// <summary>Financial data: income, transactions, bank statements, investments (basic score 3).</summary>
    Financial = 4,

    /// <summary>Sensitive data: special categories (Art. 9), health, criminal records (basic score 4).</summary>
    Sensitive = 8,
}

/// <summary>Ease of identification (EI): how easily the data identify the persons.</summary>
public enum Identifiability
{
    Negligible = 1,
    Limited = 2,
    Significant = 3,
    Maximum = 4,
}

public enum ConfidentialityLoss
{
    None = 0,

    /// <summary>Data went to known recipients (+0.25).</summary>
    KnownRecipients = 1,

    /// <summary>Data went to unknown recipients or were made public (+0.5).</summary>
    UnknownRecipients = 2,
}

public enum IntegrityLoss
{
    None = 0,

    /// <summary>Altered but recoverable (+0.25).</summary>
    Recoverable = 1,

    /// <summary>Altered and not recoverable (+0.5).</summary>
    NotRecoverable = 2,
}

public enum AvailabilityLoss
{
    None = 0,

    /// <summary>Temporarily unavailable (+0.25).</summary>
    Temporary = 1,

    /// <summary>Fully lost (+0.5).</summary>
    Full = 2,
}

public enum SeverityBand
{
    Low = 1,
    Medium = 2,
    High = 3,
    VeryHigh = 4,
}

/// <summary>What the DPO says about a breach, the inputs of the ENISA method.</summary>
public sealed record SeverityInputs(
    DataKinds Data,
    int ContextAdjustment,
    Identifiability Identifiability,
    ConfidentialityLoss Confidentiality,
    IntegrityLoss Integrity,
    AvailabilityLoss Availability,
    bool Malicious);

/// <summary>One step of the computation, to show how the score came about.</summary>
public sealed record SeverityStep(string Factor, decimal Value, string Why);

public sealed record SeverityResult(decimal Dpc, decimal Ei, decimal Cb, decimal Score, SeverityBand Band, IReadOnlyList<SeverityStep> Steps);

/// <summary>
/// The ENISA 2013 method for the severity of a personal data breach: SE = DPC × EI + CB. DPC is the
/// basic score of the most serious kind of data (1–4), adjusted by context and kept within 1–4; EI is
/// 0.25–1; CB adds 0.25 or 0.5 for each loss of confidentiality, integrity and availability, and 0.5 for
/// malicious intent. Bands: low &lt; 2 ≤ medium &lt; 3 ≤ high &lt; 4 ≤ very high.
/// </summary>
public static class EnisaSeverity
{
    public const int MaxAdjustment = 3;

    public static SeverityResult Compute(SeverityInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Math.Abs(inputs.ContextAdjustment) > MaxAdjustment)
            throw new ArgumentOutOfRangeException(nameof(inputs), "The context adjustment is at most ±3.");
        var steps = new List<SeverityStep>();

        var basic = inputs.Data.HasFlag(DataKinds.Sensitive) ? 4
            : inputs.Data.HasFlag(DataKinds.Financial) ? 3
            : inputs.Data.HasFlag(DataKinds.Behavioural) ? 2
            : 1;
        steps.Add(new SeverityStep("DPC basic", basic, $"the most serious kind of data: {MostSerious(inputs.Data)}"));
        var dpc = Math.Clamp(basic + inputs.ContextAdjustment, 1, 4);
        if (inputs.ContextAdjustment != 0)
            steps.Add(new SeverityStep("DPC adjusted", dpc, string.Create(CultureInfo.InvariantCulture, $"context {inputs.ContextAdjustment:+0;-0}, kept within 1–4")));

        var ei = inputs.Identifiability switch
        {
            Identifiability.Negligible => 0.25m,
            Identifiability.Limited => 0.5m,
            Identifiability.Significant => 0.75m,
            _ => 1m,
        };
        steps.Add(new SeverityStep("EI", ei, $"ease of identification: {inputs.Identifiability}"));

        var cb = 0m;
        cb += Add(steps, "CB confidentiality", inputs.Confidentiality switch { ConfidentialityLoss.KnownRecipients => 0.25m, ConfidentialityLoss.UnknownRecipients => 0.5m, _ => 0m }, inputs.Confidentiality.ToString());
        cb += Add(steps, "CB integrity", inputs.Integrity switch { IntegrityLoss.Recoverable => 0.25m, IntegrityLoss.NotRecoverable => 0.5m, _ => 0m }, inputs.Integrity.ToString());
        cb += Add(steps, "CB availability", inputs.Availability switch { AvailabilityLoss.Temporary => 0.25m, AvailabilityLoss.Full => 0.5m, _ => 0m }, inputs.Availability.ToString());
        cb += Add(steps, "CB malicious intent", inputs.Malicious ? 0.5m : 0m, inputs.Malicious ? "yes" : "no");

        var score = dpc * ei + cb;
        var band = score switch
        {
            < 2m => SeverityBand.Low,
            < 3m => SeverityBand.Medium,
            < 4m => SeverityBand.High,
            _ => SeverityBand.VeryHigh,
        };
        steps.Add(new SeverityStep("SE", score, string.Create(CultureInfo.InvariantCulture, $"{dpc} × {ei} + {cb} = {score}: {band}")));
        return new SeverityResult(dpc, ei, cb, score, band, steps);
    }

    static decimal Add(List<SeverityStep> steps, string factor, decimal value, string why)
    {
        steps.Add(new SeverityStep(factor, value, why));
        return value;
    }

    static string MostSerious(DataKinds data) =>
        data.HasFlag(DataKinds.Sensitive) ? "sensitive"
        : data.HasFlag(DataKinds.Financial) ? "financial"
        : data.HasFlag(DataKinds.Behavioural) ? "behavioural"
        : "simple";
}
