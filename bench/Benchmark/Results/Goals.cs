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
    /// The pipeline's budgets: one goal per timed step, plus issues 20 and 21 against the same loop at
    /// <see cref="PipelineTimings.BaselineCommit"/>, measured in the same run: the loop at most 10 % slower, SmokeTest's
    /// own time not slower.
    /// </summary>
    public static IReadOnlyList<Goal> Pipeline(IReadOnlyList<PipelineStep> steps)
    {
        if (steps.Count == 0)
            return [new Goal("pipeline: cold Image, no-op Image, .cs edit → smoke-tested image", "≤ 120 s, ≤ 1 s, ≤ 90 s", "", "", "", null, "not run")];
        var goals = steps.Where(s => s.Name != PipelineTimings.BaselineEditStep).Select(Pipeline).ToList();
        var edit = steps.FirstOrDefault(s => s.Name == PipelineTimings.EditStep);
        var before = steps.FirstOrDefault(s => s.Name == PipelineTimings.BaselineEditStep);
        if (edit is null || before is null)
            return goals;
        var at = $"at {PipelineTimings.BaselineCommit}, this run";
        goals.Add(Relative("pipeline: .cs edit → smoke-tested image vs before", edit.Passed ? edit.Seconds : null,
            before.Passed ? before.Seconds : null, PipelineTimings.EditLoopAllowance, at, before));
        goals.Add(Relative("pipeline: SmokeTest target in the edit loop vs before", edit.Passed ? edit.TargetSeconds("SmokeTest") : null,
            before.Passed ? before.TargetSeconds("SmokeTest") : null, 1.0, at, before));
        return goals;
    }

    /// <summary>Ours within <paramref name="factor"/> × the baseline's time; not measured when either is missing.</summary>
    private static Goal Relative(string name, double? ours, double? baseline, double factor, string at, PipelineStep before)
    {
        var target = factor == 1.0 ? $"≤ before ({at})" : $"≤ {factor.ToString(Invariant)}× before ({at})";
        if (ours is not { } o || baseline is not { } b)
            return new Goal(name, target, Show(ours, "s", "0.0"), Show(baseline, "s", "0.0"), "", null,
                baseline is null ? $"the loop at {PipelineTimings.BaselineCommit} was not measured: {before.Note}" : "not measured");
        var limit = factor * b;
        return new Goal(name, target, $"{o:0.0} s", $"{b:0.0} s", Times(o / b), o <= limit,
            o <= limit ? null : $"budget ≤ {limit:0.0} s: {o - limit:0.0} s over");
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
