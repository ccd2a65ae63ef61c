using System.Globalization;
using Benchmark.Measure;

namespace Benchmark.Results;

/// <summary>The issue's goals evaluated on a run. A miss states by how much, so the README can say what would close it.</summary>
public static class Goals
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<Goal> Evaluate(BenchmarkResults r)
    {
        var goals = new List<Goal>();
        foreach (var inNamespace in new[] { false, true })
        {
            var where = inNamespace ? "in container namespace" : "published port";
            var (ours, peer) = (r.ThroughputOf("ours", inNamespace), r.ThroughputOf("peer", inNamespace));
            goals.Add(AtLeast($"throughput, {where}", ours?.RequestsPerSecond, peer?.RequestsPerSecond, 10, "req/s", "0"));
            goals.Add(AtMost($"latency p99, {where}", ours?.P99Ms, peer?.P99Ms, 0.2, "ms", "0.00"));
        }

        // The throughput goal per core, from the containers' own CPU time: what a busy machine does not distort.
        var (oursCpu, peerCpu) = (r.ThroughputOf("ours", true)?.CpuMicrosecondsPerRequest, r.ThroughputOf("peer", true)?.CpuMicrosecondsPerRequest);
        goals.Add(AtMost("server CPU per request, in namespace", Nan(oursCpu ?? double.NaN), Nan(peerCpu ?? double.NaN), 0.1, "µs", "0"));

        goals.Add(AtMost("start → first 200 (median)", r.Startup.GetValueOrDefault("ours")?.Median,
            r.Startup.GetValueOrDefault("peer")?.Median, 1.0, "ms", "0"));
        goals.Add(AtMost("CPU until first 200 (median)", r.StartupCpu.GetValueOrDefault("ours")?.Median,
            r.StartupCpu.GetValueOrDefault("peer")?.Median, 1.0, "ms", "0"));
        goals.Add(AtMost("memory in use after load (median)", Nan(r.MemoryAfterLoadMiB("ours")), Nan(r.MemoryAfterLoadMiB("peer")),
            0.5, "MiB", "0.0"));
        var size = r.Ours.SizeMB;
        goals.Add(new Goal("image size (uncompressed)", "≤ 40 MB", $"{size:0.0} MB", $"{r.Peer.SizeMB:0.0} MB",
            Times(size / r.Peer.SizeMB), size <= 40, size <= 40 ? null : $"{size - 40:0.0} MB over"));

        if (r.Load is { } load)
            goals.AddRange(load.Checks.Select(c => new Goal($"load: {c.Check}", "", c.Detail, "", "", c.Passed, c.Passed ? null : c.Detail)));
        else
            goals.Add(new Goal("load: 60 s at 64 connections, slow clients", "", "", "", "", null, "not run"));

        goals.AddRange(r.Pipeline.Select(Pipeline));
        return goals;
    }

    private static Goal Pipeline(PipelineStep step)
    {
        var limit = step.LimitSeconds;
        var measured = step.Passed && !double.IsNaN(step.Seconds);
        // Budgets of the image issue (cold 60 s, no-op 3 s, edit → image 15 s) and the smoke test issue (SmokeTest 30 s).
        var target = step.Command.EndsWith("SmokeTest", StringComparison.Ordinal) ? $"≤ {limit} s (image 15 s + SmokeTest 30 s)" : $"≤ {limit} s";
        return new Goal($"pipeline: {step.Name}", target, measured ? $"{step.Seconds:0.0} s" : $"failed ({step.ExitCode})", "", "",
            measured ? step.Seconds <= limit : null, measured ? (step.Seconds <= limit ? null : $"{step.Seconds - limit:0.0} s over") : step.Note);
    }

    private static Goal AtLeast(string name, double? ours, double? peer, double factor, string unit, string format)
    {
        if (ours is not { } o || peer is not { } p || p <= 0)
            return new Goal(name, $"≥ {factor}× peer", Show(ours, unit, format), Show(peer, unit, format), "", null, "not measured");
        var ratio = o / p;
        return new Goal(name, $"≥ {factor.ToString(Invariant)}× peer", Show(o, unit, format), Show(p, unit, format), Times(ratio),
            ratio >= factor, ratio >= factor ? null : $"needs {factor * p - o:0} {unit} more ({factor / ratio:0.0}× of today)");
    }

    private static Goal AtMost(string name, double? ours, double? peer, double factor, string unit, string format)
    {
        var target = factor == 1.0 ? "≤ peer" : $"≤ {factor.ToString(Invariant)}× peer";
        if (ours is not { } o || peer is not { } p || p <= 0)
            return new Goal(name, target, Show(ours, unit, format), Show(peer, unit, format), "", null, "not measured");
        var ratio = o / p;
        return new Goal(name, target, Show(o, unit, format), Show(p, unit, format), Times(ratio), ratio <= factor,
            ratio <= factor ? null : $"{(o - factor * p).ToString(format, Invariant)} {unit} over ({ratio / factor:0.0}× the target)");
    }

    private static double? Nan(double value) => double.IsNaN(value) ? null : value;

    private static string Show(double? value, string unit, string format) =>
        value is { } v && !double.IsNaN(v) ? $"{v.ToString(format, Invariant)} {unit}" : "–";

    private static string Times(double ratio) => double.IsNaN(ratio) ? "" : $"{ratio.ToString("0.00", Invariant)}×";
}
