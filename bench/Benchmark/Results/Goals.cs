using System.Globalization;
using Benchmark.Measure;

namespace Benchmark.Results;

/// <summary>
/// Issue 13's goals, evaluated for our (AOT) image only; the JIT variant is shown beside it, never judged. A miss states
/// its measured value, the budget and by how much it missed, so the README can say what would close it. The load
/// section's checks are reported in their own table (another issue's bar), not here.
/// </summary>
public static class Goals
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const double MaxImageMB = 20, StartupFactor = 0.6, StartupCpuFactor = 0.2, MemoryFactor = 0.3, ThroughputFactor = 10, P99Factor = 0.25;

    public static IReadOnlyList<Goal> Evaluate(BenchmarkResults r)
    {
        var size = r.Ours.SizeMB;
        var goals = new List<Goal>
        {
            new("image size (uncompressed)", $"≤ {MaxImageMB} MB", $"{size:0.0} MB", $"{r.Peer.SizeMB:0.0} MB", Times(size / r.Peer.SizeMB),
                size <= MaxImageMB, size <= MaxImageMB ? null : $"budget ≤ {MaxImageMB} MB: {size - MaxImageMB:0.0} MB over"),
            AtMost("start → first 200 (median)", r.Startup.GetValueOrDefault("ours")?.Median,
                r.Startup.GetValueOrDefault("peer")?.Median, StartupFactor, "ms", "0"),
            AtMost("CPU until first 200 (median)", r.StartupCpu.GetValueOrDefault("ours")?.Median,
                r.StartupCpu.GetValueOrDefault("peer")?.Median, StartupCpuFactor, "ms", "0"),
            AtMost("memory in use after load (median)", Nan(r.MemoryAfterLoadMiB("ours")), Nan(r.MemoryAfterLoadMiB("peer")),
                MemoryFactor, "MiB", "0.0"),
        };
        foreach (var inNamespace in new[] { false, true })
        {
            var where = inNamespace ? "in container namespace" : "published port";
            var (ours, peer) = (r.ThroughputOf("ours", inNamespace), r.ThroughputOf("peer", inNamespace));
            goals.Add(AtLeast($"throughput, {where}", ours?.RequestsPerSecond, peer?.RequestsPerSecond, ThroughputFactor, "req/s", "0"));
            goals.Add(AtMost($"latency p99, {where}", ours?.P99Ms, peer?.P99Ms, P99Factor, "ms", "0.00"));
        }

        goals.AddRange(Pipeline(r.Pipeline));
        return goals;
    }

    /// <summary>
    /// The pipeline's budgets: one goal per timed step, plus SmokeTest's own time in the edit loop against the loop
    /// before the platforms (issue 21: the host's SmokeTest is not slower).
    /// </summary>
    public static IReadOnlyList<Goal> Pipeline(IReadOnlyList<PipelineStep> steps)
    {
        if (steps.Count == 0)
            return [new Goal("pipeline: cold Image, no-op Image, .cs edit → smoke-tested image", "≤ 120 s, ≤ 1 s, ≤ 90 s", "", "", "", null, "not run")];
        var goals = steps.Select(Pipeline).ToList();
        if (steps.FirstOrDefault(s => s.Command == "./build.sh SmokeTest" && s.Passed) is { } edit)
        {
            var baseline = PipelineTimings.SmokeTestBaselineSeconds;
            var seconds = edit.TargetSeconds("SmokeTest");
            goals.Add(new Goal("pipeline: SmokeTest target in the edit loop", $"≤ {baseline.ToString(Invariant)} s (before the platforms)",
                seconds is { } t ? $"{t:0.0} s" : "–", "", "", seconds is { } v ? v <= baseline : null,
                seconds is not { } m ? "no SmokeTest row in the build's summary" : m <= baseline ? null : $"{m - baseline:0.0} s slower than before"));
        }
        return goals;
    }

    private static Goal Pipeline(PipelineStep step)
    {
        var limit = step.LimitSeconds;
        var measured = step.Passed && !double.IsNaN(step.Seconds);
        var target = double.IsNaN(limit) ? "–" : $"≤ {limit.ToString("0.#", Invariant)} s" + (step.LimitReason is { } why ? $" ({why})" : "");
        var judged = measured && !double.IsNaN(limit);
        return new Goal($"pipeline: {step.Name}", target, measured ? $"{step.Seconds:0.0} s" : $"failed ({step.ExitCode})", "", "",
            judged ? step.Seconds <= limit : null,
            judged ? (step.Seconds <= limit ? null : $"budget ≤ {limit.ToString("0.#", Invariant)} s: {step.Seconds - limit:0.0} s over")
                : measured ? "no budget (the step it is relative to failed)" : step.Note);
    }

    private static Goal AtLeast(string name, double? ours, double? peer, double factor, string unit, string format)
    {
        if (ours is not { } o || peer is not { } p || p <= 0)
            return new Goal(name, $"≥ {factor}× peer", Show(ours, unit, format), Show(peer, unit, format), "", null, "not measured");
        var ratio = o / p;
        return new Goal(name, $"≥ {factor.ToString(Invariant)}× peer", Show(o, unit, format), Show(p, unit, format), Times(ratio),
            ratio >= factor, ratio >= factor ? null
                : $"budget ≥ {(factor * p).ToString(format, Invariant)} {unit}: needs {(factor * p - o).ToString(format, Invariant)} {unit} more ({factor / ratio:0.0}× of today)");
    }

    private static Goal AtMost(string name, double? ours, double? peer, double factor, string unit, string format)
    {
        var target = factor == 1.0 ? "≤ peer" : $"≤ {factor.ToString(Invariant)}× peer";
        if (ours is not { } o || peer is not { } p || p <= 0)
            return new Goal(name, target, Show(ours, unit, format), Show(peer, unit, format), "", null, "not measured");
        var ratio = o / p;
        return new Goal(name, target, Show(o, unit, format), Show(p, unit, format), Times(ratio), ratio <= factor,
            ratio <= factor ? null
                : $"budget ≤ {(factor * p).ToString(format, Invariant)} {unit}: {(o - factor * p).ToString(format, Invariant)} {unit} over ({ratio / factor:0.0}× the budget)");
    }

    private static double? Nan(double value) => double.IsNaN(value) ? null : value;

    private static string Show(double? value, string unit, string format) =>
        value is { } v && !double.IsNaN(v) ? $"{v.ToString(format, Invariant)} {unit}" : "–";

    private static string Times(double ratio) => double.IsNaN(ratio) ? "" : $"{ratio.ToString("0.00", Invariant)}×";
}
