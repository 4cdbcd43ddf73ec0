using System.Diagnostics.Metrics;

namespace DpoDesk.Requests;

/// <summary>The measurements of the request flow, under the meter <c>DpoDesk</c>, one meter per host.</summary>
public sealed class RequestMetrics
{
    public const string MeterName = "DpoDesk";

    readonly Histogram<double> _processing;

    public RequestMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _processing = Meter.CreateHistogram<double>("dpodesk.request.processing", unit: "s", description: "Time from a request's confirmation to its result");
    }

    public Meter Meter { get; }

    /// <summary>From confirmation to the result queued for delivery: the house promise is 72 hours, the goal seconds.</summary>
    public void RecordProcessing(TimeSpan sinceConfirmation) => _processing.Record(sinceConfirmation.TotalSeconds);
}
