using Benchmark.Measure;

namespace Benchmark.Load;

public sealed record MemorySample(double Seconds, long InUseBytes);

public sealed record LoadCheck(string Check, bool Passed, string Detail);

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

    public required WrkResult Unloaded { get; init; }
    public required WrkResult WithSlowClients { get; init; }
    public required int SlowClients { get; init; }
    public required int SlowClientsOpenAtEnd { get; init; }
    public required long SlowClientsReopened { get; init; }

    public double SlowClientP99Ratio => Unloaded.P99Ms > 0 ? WithSlowClients.P99Ms / Unloaded.P99Ms : double.NaN;

    public IReadOnlyList<LoadCheck> Checks =>
    [
        new("zero non-2xx under load", Sustained.Non2xx == 0 && WithSlowClients.Non2xx == 0,
            $"{Sustained.Non2xx} sustained, {WithSlowClients.Non2xx} with slow clients"),
        new("zero socket errors under load", Sustained.SocketErrors == 0 && WithSlowClients.SocketErrors == 0,
            $"{Sustained.SocketErrors} sustained, {WithSlowClients.SocketErrors} with slow clients"),
        new("no OOM kill", !OomKilled && RunningAfterLoad, OomKilled ? "OOM killed" : RunningAfterLoad ? "running" : "not running"),
        new("memory flat over the second half (< 10 %)", SecondHalfGrowth < 0.10, $"{SecondHalfGrowth * 100:+0.0;-0.0} %"),
        new("slow clients: p99 ≤ 2× unloaded", SlowClientP99Ratio <= 2.0,
            $"{WithSlowClients.P99Ms:0.00} ms vs {Unloaded.P99Ms:0.00} ms ({SlowClientP99Ratio:0.00}×)"),
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
