using System.Globalization;
using System.Text;
using Benchmark.Results;

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
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Images: ours `{r.Ours.Display}` ({r.Ours.ShortId}, {r.Ours.Layers} layers), peer `{r.Peer.Display}` ({r.Peer.ShortId}, {r.Peer.Layers} layers).");
        if (r.Correctness is { } gate)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Correctness gate: {gate.Cases - gate.Mismatches.Count}/{gate.Cases} `/api/quote` inputs answered identically (status and JSON).");
        md.AppendLine().AppendLine("| goal | ours | peer | ours / peer | target | result |").AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var g in r.Goals)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {g.Name} | {g.Ours} | {g.Peer} | {g.Ratio} | {g.Target} | {g.Verdict}{(g.Gap is { } gap && g.Passed != true ? $": {Escape(gap)}" : "")} |");

        md.AppendLine().AppendLine("## Details").AppendLine();
        md.AppendLine("| measurement | ours | peer |").AppendLine("|---|---:|---:|");
        Row(md, "image size (uncompressed)", $"{r.Ours.SizeMB:0.0} MB", $"{r.Peer.SizeMB:0.0} MB");
        Row(md, "layers", $"{r.Ours.Layers}", $"{r.Peer.Layers}");
        if (r.Startup.TryGetValue("ours", out var so) && r.Startup.TryGetValue("peer", out var sp))
            Row(md, $"start → first 200: median (min–max, n={so.Samples.Count})", $"{so.Median:0} ms ({so.Min:0}–{so.Max:0})",
                $"{sp.Median:0} ms ({sp.Min:0}–{sp.Max:0})");
        if (r.StartupCpu.TryGetValue("ours", out var co) && r.StartupCpu.TryGetValue("peer", out var cp))
            Row(md, "CPU until first 200: median (min–max)", $"{co.Median:0} ms ({co.Min:0}–{co.Max:0})", $"{cp.Median:0} ms ({cp.Min:0}–{cp.Max:0})");
        foreach (var inNamespace in new[] { false, true })
        {
            var (o, p) = (r.ThroughputOf("ours", inNamespace), r.ThroughputOf("peer", inNamespace));
            if (o is null || p is null)
                continue;
            var where = inNamespace ? "in namespace" : "published port";
            Row(md, $"req/s, {where}", $"{o.RequestsPerSecond:0}", $"{p.RequestsPerSecond:0}");
            Row(md, $"latency p50 / p99, {where}", $"{o.P50Ms:0.00} / {o.P99Ms:0.00} ms", $"{p.P50Ms:0.00} / {p.P99Ms:0.00} ms");
            Row(md, $"non-2xx / socket errors, {where}", $"{o.Non2xx} / {o.SocketErrors}", $"{p.Non2xx} / {p.SocketErrors}");
            Row(md, $"server CPU per request, {where}", $"{o.CpuMicrosecondsPerRequest:0} µs", $"{p.CpuMicrosecondsPerRequest:0} µs");
            Row(md, $"throttled by the CPU quota (share of the run), {where}", $"{o.ThrottledShare * 100:0} %", $"{p.ThrottledShare * 100:0} %");
        }

        Row(md, "memory in use after load (median)", $"{r.MemoryAfterLoadMiB("ours"):0.0} MiB", $"{r.MemoryAfterLoadMiB("peer"):0.0} MiB");

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
        {
            md.AppendLine().AppendLine("## Our pipeline").AppendLine().AppendLine("| step | command | time | exit code | targets |").AppendLine("|---|---|---:|---:|---|");
            foreach (var p in r.Pipeline)
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {p.Name} | `{p.Command}` | {(double.IsNaN(p.Seconds) ? "–" : $"{p.Seconds:0.0} s")} | {p.ExitCode} | {Escape(string.Join(", ", p.Targets))} |");
        }

        if (r.Notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in r.Notes)
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        md.AppendLine().AppendLine("![ours vs peer](chart.svg)");
        return md.ToString();
    }

    private static void Row(StringBuilder md, string name, string ours, string peer) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {ours} | {peer} |");

    private static string Mib(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
