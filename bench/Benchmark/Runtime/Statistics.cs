namespace Benchmark.Runtime;

/// <summary>Median and spread of a handful of samples (the startup rounds, memory samples).</summary>
public sealed record SampleSummary(IReadOnlyList<double> Samples, double Median, double Min, double Max)
{
    /// <summary>Max − min: with 5–7 samples the honest "spread"; a standard deviation would pretend more.</summary>
    public double Spread => Max - Min;

    public static SampleSummary Of(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
            return new SampleSummary(samples, double.NaN, double.NaN, double.NaN);
        return new SampleSummary(samples, Statistics.Median(samples), samples.Min(), samples.Max());
    }
}

public static class Statistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>ours / peer, or NaN when the peer's value is missing or zero.</summary>
    public static double Ratio(double ours, double peer) => peer == 0 || double.IsNaN(peer) ? double.NaN : ours / peer;
}
