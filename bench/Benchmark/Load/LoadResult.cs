using Benchmark.Measure;

namespace Benchmark.Load;

public sealed record MemorySample(double Seconds, long InUseBytes);

public sealed record LoadCheck(string Check, bool Passed, string Detail);

/// <summary>
/// Normal requests before, with and after the slow clients. The unloaded p99 is the mean of before and after, so a
/// noisy moment on a shared machine does not decide the verdict alone.
/// </summary>
public sealed record SlowClientCheck(string Image, WrkResult Before, WrkResult WithSlowClients, WrkResult After, int OpenAtEnd, long Reopened)
{
    public double UnloadedP99Ms => (Before.P99Ms + After.P99Ms) / 2;

    /// <summary>NaN when nothing was answered with the slow clients present: a stall, never a pass.</summary>
    public double P99Ratio => UnloadedP99Ms > 0 && WithSlowClients.Requests > 0 ? WithSlowClients.P99Ms / UnloadedP99Ms : double.NaN;
}

/// <summary>The sustained-load and slow-client section (our image only, at the smaller memory limit).</summary>
public sealed record LoadResult
{
    public required string Image { get; init; }
    public required long MemoryLimitBytes { get; init; }
    public required WrkResult Sustained { get; init; }
    public required bool OomKilled { get; init; }
    public required bool RunningAfterLoad { get; init; }
    public required IReadOnlyList<MemorySample> Memory { get; init; }

    /// <summary>Growth over the second half: median of its last quarter of samples vs its first (robust to GC sawtooth).</summary>
    public required double SecondHalfGrowth { get; init; }

    /// <summary>Null when the container did not survive the sustained load.</summary>
    public SlowClientCheck? Slow { get; init; }
    public required int SlowClients { get; init; }

    /// <summary>The peer under the same slow clients, for contrast (null when not run).</summary>
    public SlowClientCheck? Peer { get; init; }

    public double SlowClientP99Ratio => Slow?.P99Ratio ?? double.NaN;

    public IReadOnlyList<LoadCheck> Checks =>
    [
        new("zero non-2xx under load", Sustained.Non2xx == 0 && (Slow?.WithSlowClients.Non2xx ?? 0) == 0,
            $"{Sustained.Non2xx} sustained, {Slow?.WithSlowClients.Non2xx.ToString() ?? "–"} with slow clients"),
        new("zero socket errors under load", Sustained.SocketErrors == 0 && (Slow?.WithSlowClients.SocketErrors ?? 0) == 0,
            $"{Sustained.SocketErrors} sustained, {Slow?.WithSlowClients.SocketErrors.ToString() ?? "–"} with slow clients"),
        new("no OOM kill", !OomKilled && RunningAfterLoad, OomKilled ? "OOM killed" : RunningAfterLoad ? "running" : "not running"),
        new("memory flat over the second half (< 10 %)", SecondHalfGrowth < 0.10, $"{Math.Round(SecondHalfGrowth * 100, 1):+0.0;-0.0;0.0} %"),
        new("slow clients: p99 ≤ 2× unloaded", SlowClientP99Ratio <= 2.0, Slow is not { } s ? "not run (container stopped)"
            : s.WithSlowClients.Requests == 0 ? $"stalled: no request answered with {SlowClients} slow clients"
            : $"{s.WithSlowClients.P99Ms:0.00} ms vs {s.UnloadedP99Ms:0.00} ms ({SlowClientP99Ratio:0.00}×; unloaded before/after {s.Before.P99Ms:0.00}/{s.After.P99Ms:0.00} ms)"),
    ];

    public static double Growth(IReadOnlyList<MemorySample> samples, double durationSeconds)
    {
        var secondHalf = samples.Where(s => s.Seconds >= durationSeconds / 2).Select(s => (double)s.InUseBytes).ToArray();
        if (secondHalf.Length < 4)
            return double.NaN;
        var quarter = secondHalf.Length / 2;
        var early = Runtime.Statistics.Median(secondHalf.Take(quarter));
        var late = Runtime.Statistics.Median(secondHalf.Skip(secondHalf.Length - quarter));
        return early > 0 ? late / early - 1 : double.NaN;
    }
}
