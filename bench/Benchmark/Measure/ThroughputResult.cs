using Benchmark.Runtime;

namespace Benchmark.Measure;

/// <summary>All rounds of one image on one path (published port or in-namespace), plus the memory after each run.</summary>
public sealed record ThroughputResult(string Image, bool InContainerNamespace, IReadOnlyList<WrkResult> Rounds,
    IReadOnlyList<long> MemoryAfterLoadBytes)
{
    public double RequestsPerSecond => Statistics.Median(Rounds.Select(r => r.RequestsPerSecond));
    public double P50Ms => Statistics.Median(Rounds.Select(r => r.P50Ms));
    public double P99Ms => Statistics.Median(Rounds.Select(r => r.P99Ms));
    public long Non2xx => Rounds.Sum(r => r.Non2xx);
    public long SocketErrors => Rounds.Sum(r => r.SocketErrors);
    public double CpuMicrosecondsPerRequest => Statistics.Median(Rounds.Select(r => r.ServerCpuMicrosecondsPerRequest).Where(v => !double.IsNaN(v)));
    /// <summary>Share of the measured time the CPU quota held the server back (median over rounds).</summary>
    public double ThrottledShare => Statistics.Median(Rounds.Where(r => r.ThrottledSeconds is not null && r.DurationSeconds > 0)
        .Select(r => r.ThrottledSeconds!.Value / r.DurationSeconds));
    public double MemoryAfterLoadMiB => Statistics.Median(MemoryAfterLoadBytes.Select(b => b / 1048576.0));
}
