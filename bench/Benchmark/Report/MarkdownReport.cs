using System.Globalization;
using System.Text;
using Benchmark.Measure;
using Benchmark.Results;
using Benchmark.Runtime;

namespace Benchmark.Report;

/// <summary>results.md: the goal table with ratios (ours / peer) and verdicts, then the detail tables. Also printed to the console.</summary>
public static class MarkdownReport
{
    public static string Render(BenchmarkResults r)
    {
        var s = r.Settings;
        var md = new StringBuilder();
        md.AppendLine("# CreditRobot vs the seed deployment (Flask + Gunicorn)").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {r.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC on {r.Machine}.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Each container `--cpus={s.Cpus:0.##} --memory={s.MemoryBytes / 1048576}m`, traffic to 127.0.0.1 only; " +
            $"wrk {s.WrkThreads} threads, {s.Connections} connections, {s.WarmupSeconds:0} s warm-up, {s.MeasureSeconds:0} s measured, " +
            $"{s.ThroughputRounds} round(s) per image alternating A B A B (median); `GET {s.QuotePath}`.").AppendLine();
        var jitNote = r.Jit is { } j ? $"; for contrast our trimmed JIT variant `{j.Display}` ({j.ShortId}), measured in the same alternating run (no goals)" : "";
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Images: ours `{r.Ours.Display}` ({r.Ours.ShortId}, {r.Ours.Layers} layers), peer `{r.Peer.Display}` ({r.Peer.ShortId}, {r.Peer.Layers} layers){jitNote}.");
        if (r.Correctness is { } gate)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Correctness gate: {gate.Cases - gate.Mismatches.Count}/{gate.Cases} `/api/quote` inputs answered identically (status and JSON).");
        md.AppendLine().AppendLine("| goal | ours | peer | ours / peer | target | result |").AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var g in r.Goals)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {g.Name} | {g.Ours} | {g.Peer} | {g.Ratio} | {g.Target} | {g.Verdict}{(g.Gap is { } gap && g.Passed != true ? $": {Escape(gap)}" : "")} |");

        md.AppendLine().AppendLine("## Details").AppendLine();
        var names = r.Jit is null ? new[] { "ours", "peer" } : ["ours", "jit", "peer"];
        md.AppendLine(r.Jit is null ? "| measurement | ours | peer |" : "| measurement | ours (AOT) | trimmed JIT | peer |")
            .AppendLine(r.Jit is null ? "|---|---:|---:|" : "|---|---:|---:|---:|");
        ImageFacts[] facts = r.Jit is { } jit ? [r.Ours, jit, r.Peer] : [r.Ours, r.Peer];
        Row(md, "image size (uncompressed)", facts.Select(f => $"{f.SizeMB:0.0} MB"));
        Row(md, "layers", facts.Select(f => $"{f.Layers}"));
        if (names.All(r.Startup.ContainsKey))
        {
            Row(md, $"start → first 200: median (min–max, n={r.Startup["ours"].Samples.Count})", names.Select(n => Spread(r.Startup[n])));
            EngineShare(md, "start call of a container running only `sleep`", r.EngineFloorWall, names.Select(n => r.Startup[n]));
        }
        if (names.All(r.StartupCpu.ContainsKey))
        {
            Row(md, "CPU until first 200: median (min–max)", names.Select(n => Spread(r.StartupCpu[n])));
            EngineShare(md, "CPU of a container running only `sleep`", r.EngineFloorCpu, names.Select(n => r.StartupCpu[n]));
        }
        foreach (var inNamespace in new[] { false, true })
        {
            var runs = names.Select(n => r.ThroughputOf(n, inNamespace)).ToArray();
            if (runs.Any(t => t is null))
                continue;
            var where = inNamespace ? "in namespace" : "published port";
            Row(md, $"req/s, {where}", runs.Select(t => $"{t!.RequestsPerSecond:0}"));
            Row(md, $"latency p50 / p99, {where}", runs.Select(t => $"{t!.P50Ms:0.00} / {t.P99Ms:0.00} ms"));
            Row(md, $"non-2xx / socket errors, {where}", runs.Select(t => $"{t!.Non2xx} / {t.SocketErrors}"));
            Row(md, $"server CPU per request, {where}", runs.Select(t => $"{t!.CpuMicrosecondsPerRequest:0} µs"));
            Row(md, $"throttled by the CPU quota (share of the run), {where}", runs.Select(t => $"{t!.ThrottledShare * 100:0} %"));
        }

        Row(md, "memory in use after load (median)", names.Select(n => $"{r.MemoryAfterLoadMiB(n):0.0} MiB"));
        if (PublishedPortSplit.Explain(r) is { } split)
            md.AppendLine().AppendLine("## Where the time goes through the published port").AppendLine().AppendLine(split);

        if (r.Load is { } load)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"## Under load (ours, `--memory={load.MemoryLimitBytes / 1048576}m`, {s.LoadSeconds:0} s at {s.LoadConnections} connections, {load.SlowClients} slow clients)").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"{load.Sustained.RequestsPerSecond:0} req/s, p99 {load.Sustained.P99Ms:0.00} ms, {load.Sustained.Requests} requests; memory " +
                $"{Mib(load.Memory.FirstOrDefault()?.InUseBytes)} → {Mib(load.Memory.LastOrDefault()?.InUseBytes)} MiB over {load.Memory.Count} samples.").AppendLine();
            md.AppendLine("| check | result | detail |").AppendLine("|---|---|---|");
            foreach (var c in load.Checks)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Check} | {(c.Passed ? "pass" : "MISS")} | {Escape(c.Detail)} |");
            if (load.Peer is { } peer)
            {
                var p99 = peer.WithSlowClients.Requests == 0 ? "none (stalled)"
                    : $"{peer.WithSlowClients.P99Ms:0.00} ms vs {peer.UnloadedP99Ms:0.00} ms unloaded";
                md.AppendLine().AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"For contrast, the peer under the same {load.SlowClients} slow clients: {peer.WithSlowClients.Requests} requests answered in " +
                    $"{peer.WithSlowClients.DurationSeconds:0} s (before: {peer.Before.Requests}, after: {peer.After.Requests}), p99 {p99}, " +
                    $"{peer.WithSlowClients.SocketErrors} socket errors."));
            }
        }

        if (r.Pipeline.Count > 0)
            PipelineSteps(md.AppendLine().AppendLine("## Our pipeline").AppendLine(), r.Pipeline);

        if (r.Notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in r.Notes)
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        md.AppendLine().AppendLine("![ours vs peer](chart.svg)");
        return md.ToString();
    }

    /// <summary>pipeline.md of a pipeline-only run: the budgets and the steps, no images compared.</summary>
    public static string RenderPipeline(IReadOnlyList<PipelineStep> steps, IReadOnlyList<Goal> goals, DateTimeOffset startedAt, string loadAverage)
    {
        var md = new StringBuilder();
        md.AppendLine("# CreditRobot's pipeline budgets").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {startedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, load average at the start {loadAverage}.").AppendLine();
        md.AppendLine("| budget | measured | before | target | result |").AppendLine("|---|---:|---:|---|---|");
        foreach (var g in goals)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {g.Name} | {g.Ours} | {g.Peer} | {g.Target} | {g.Verdict}{(g.Gap is { } gap && g.Passed != true ? $": {Escape(gap)}" : "")} |");
        return PipelineSteps(md.AppendLine(), steps).ToString();
    }

    private static StringBuilder PipelineSteps(StringBuilder md, IReadOnlyList<PipelineStep> steps)
    {
        md.AppendLine("| step | command | time | exit code | targets |").AppendLine("|---|---|---:|---:|---|");
        foreach (var p in steps)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Name} | `{p.Command}` | {(double.IsNaN(p.Seconds) ? "–" : $"{p.Seconds:0.0} s")} | {p.ExitCode} | {Escape(string.Join(", ", p.Targets))} |");
        return md;
    }

    /// <summary>The engine's fixed share of a start figure, beside each image: the part no image can make smaller.</summary>
    private static void EngineShare(StringBuilder md, string how, SampleSummary? floor, IEnumerable<SampleSummary> figures)
    {
        if (floor is { } f)
            Row(md, $"… of which the engine's container start ({how}, median)", figures.Select(x => $"{f.Median:0} ms ({f.Median / x.Median * 100:0} %)"));
    }

    private static void Row(StringBuilder md, string name, IEnumerable<string> values) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", values)} |");

    private static string Spread(Runtime.SampleSummary s) => $"{s.Median:0} ms ({s.Min:0}–{s.Max:0})";

    private static string Mib(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
