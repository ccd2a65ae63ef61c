using Benchmark.Load;
using Benchmark.Measure;
using Benchmark.Runtime;

namespace Benchmark.Results;

/// <summary>Everything one run measured, as written to results.json; the Markdown table and the chart are views of it.</summary>
public sealed record BenchmarkResults
{
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public required MachineInfo Machine { get; init; }
    public required RunSettings Settings { get; init; }
    public required ImageFacts Ours { get; init; }
    public required ImageFacts Peer { get; init; }

    /// <summary>The trimmed JIT variant, compared for contrast (no goals); null when it was not part of the run.</summary>
    public ImageFacts? Jit { get; init; }
    public CorrectnessGate.Outcome? Correctness { get; init; }

    /// <summary>"ours"/"jit"/"peer" → start → first 200 in milliseconds.</summary>
    public IReadOnlyDictionary<string, SampleSummary> Startup { get; init; } = new Dictionary<string, SampleSummary>();

    /// <summary>"ours"/"jit"/"peer" → CPU time the container used until its first 200, in milliseconds.</summary>
    public IReadOnlyDictionary<string, SampleSummary> StartupCpu { get; init; } = new Dictionary<string, SampleSummary>();

    /// <summary>A container that only runs sleep: its start call and its CPU, the engine's share of every start (runc init, set-up), in milliseconds.</summary>
    public SampleSummary? EngineFloorWall { get; init; }
    public SampleSummary? EngineFloorCpu { get; init; }
    public IReadOnlyList<ThroughputResult> Throughput { get; init; } = [];
    public LoadResult? Load { get; init; }
    public IReadOnlyList<PipelineStep> Pipeline { get; init; } = [];
    public IReadOnlyList<Goal> Goals { get; init; } = [];

    /// <summary>Caveats of this run (a skipped section, a noisy machine, a TIME_WAIT that did not drain).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public ThroughputResult? ThroughputOf(string image, bool inNamespace) =>
        Throughput.FirstOrDefault(t => t.Image == image && t.InContainerNamespace == inNamespace);

    /// <summary>Memory in use right after the measured load runs, median over all of an image's runs (MiB).</summary>
    public double MemoryAfterLoadMiB(string image) =>
        Statistics.Median(Throughput.Where(t => t.Image == image).SelectMany(t => t.MemoryAfterLoadBytes).Select(b => b / 1048576.0));
}

/// <summary>The protocol this run used, so a reader can tell two results.json apart.</summary>
public sealed record RunSettings(double Cpus, long MemoryBytes, int Connections, int WrkThreads, double WarmupSeconds,
    double MeasureSeconds, int ThroughputRounds, int StartupRounds, string QuotePath, double LoadSeconds, int LoadConnections,
    long LoadMemoryBytes, int SlowClients)
{
    public static RunSettings From(BenchmarkOptions o) => new(o.NanoCpus / 1e9, o.MemoryBytes, o.Connections, o.WrkThreads,
        o.Warmup.TotalSeconds, o.Measure.TotalSeconds, o.ThroughputRounds, o.StartupRounds, o.QuotePath, o.LoadDuration.TotalSeconds,
        o.LoadConnections, o.LoadMemoryBytes, o.SlowClients);
}
