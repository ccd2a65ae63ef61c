using System.Globalization;
using System.Security;
using System.Text;
using Benchmark.Results;

namespace Benchmark.Report;

/// <summary>
/// chart.svg, written by hand (no plotting library here): one small panel per metric with horizontal bars, ours (AOT),
/// our trimmed JIT variant when it was compared, and the peer; each panel on its own scale, the better direction named in the title.
/// </summary>
public static class SvgChart
{
    private const int Width = 900, PanelWidth = 430, BarStep = 26, BarLeft = 70, BarMax = 280, Header = 76;
    private const string Ours = "#2b6cb0", Jit = "#90cdf4", Peer = "#dd6b20";

    private sealed record Panel(string Title, string Unit, string Format, double Ours, double Jit, double Peer);

    public static string Render(BenchmarkResults r)
    {
        var names = r.Jit is null ? new[] { "ours", "peer" } : ["ours", "jit", "peer"];
        Panel Of(string title, string unit, string format, Func<string, double> value) =>
            new(title, unit, format, value("ours"), r.Jit is null ? double.NaN : value("jit"), value("peer"));
        var panels = new List<Panel>();
        foreach (var inNamespace in new[] { false, true })
        {
            if (names.Any(n => r.ThroughputOf(n, inNamespace) is null))
                continue;
            var where = inNamespace ? "in namespace" : "published port";
            panels.Add(Of($"throughput, {where} (higher is better)", "req/s", "0", n => r.ThroughputOf(n, inNamespace)!.RequestsPerSecond));
            panels.Add(Of($"latency p99, {where} (lower is better)", "ms", "0.00", n => r.ThroughputOf(n, inNamespace)!.P99Ms));
        }

        if (names.All(n => r.ThroughputOf(n, true) is not null))
            panels.Add(Of("server CPU per request, in namespace (lower is better)", "µs", "0", n => r.ThroughputOf(n, true)!.CpuMicrosecondsPerRequest));
        if (names.All(r.Startup.ContainsKey))
            panels.Add(Of("start → first 200, median (lower is better)", "ms", "0", n => r.Startup[n].Median));
        if (names.All(r.StartupCpu.ContainsKey))
            panels.Add(Of("CPU until first 200, median (lower is better)", "ms", "0", n => r.StartupCpu[n].Median));
        panels.Add(Of("memory after load (lower is better)", "MiB", "0.0", r.MemoryAfterLoadMiB));
        panels.Add(Of("image size, uncompressed (lower is better)", "MB", "0.0", n => (n == "ours" ? r.Ours : n == "jit" ? r.Jit! : r.Peer).SizeMB));
        var panelHeight = 44 + names.Length * BarStep;

        var rows = (panels.Count + 1) / 2;
        var height = Header + rows * panelHeight + 10;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="sans-serif" font-size="12">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="white"/>""");
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"""<text x="10" y="20" font-size="15" font-weight="bold">CreditRobot (ours) vs Flask + Gunicorn (peer), --cpus={r.Settings.Cpus:0.##} --memory={r.Settings.MemoryBytes / 1048576}m</text>""");
        var m = r.Machine;
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"""<text x="10" y="38" fill="#555">{Xml($"{r.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC on {m.Host}: {m.Cpu}, {m.Cores} cores, {m.MemoryGiB:0} GiB")}</text>""");
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"""<text x="10" y="54" fill="#555">{Xml($"{m.Os}, kernel {m.Kernel}, Docker {m.DockerEngine} (API {m.DockerApi}), .NET {m.DotNet}; ours {r.Ours.Display}, peer {r.Peer.Display}")}</text>""");
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"""<rect x="{Width - 210}" y="8" width="12" height="12" fill="{Ours}"/><text x="{Width - 193}" y="18">ours (AOT)</text><rect x="{Width - 110}" y="8" width="12" height="12" fill="{Peer}"/><text x="{Width - 93}" y="18">peer</text>""");
        if (r.Jit is not null)
            svg.AppendLine(CultureInfo.InvariantCulture,
                $"""<rect x="{Width - 330}" y="8" width="12" height="12" fill="{Jit}"/><text x="{Width - 313}" y="18">jit (trimmed JIT)</text>""");
        for (var i = 0; i < panels.Count; i++)
            RenderPanel(svg, panels[i], 10 + i % 2 * (PanelWidth + 20), Header + i / 2 * panelHeight);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void RenderPanel(StringBuilder svg, Panel panel, int x, int y)
    {
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x}" y="{y + 14}" font-weight="bold">{Xml(panel.Title)}</text>""");
        var max = Math.Max(Valid(panel.Ours), Math.Max(Valid(panel.Jit), Valid(panel.Peer)));
        var bars = double.IsNaN(panel.Jit)
            ? new[] { ("ours", panel.Ours, Ours), ("peer", panel.Peer, Peer) }
            : [("ours", panel.Ours, Ours), ("jit", panel.Jit, Jit), ("peer", panel.Peer, Peer)];
        for (var i = 0; i < bars.Length; i++)
            Bar(svg, bars[i].Item1, bars[i].Item2, max, panel, x, y + 24 + i * BarStep, bars[i].Item3);
    }

    private static void Bar(StringBuilder svg, string label, double value, double max, Panel panel, int x, int y, string color)
    {
        var width = max > 0 ? Math.Max(1, Valid(value) / max * BarMax) : 0;
        var text = double.IsNaN(value) ? "not measured" : $"{value.ToString(panel.Format, CultureInfo.InvariantCulture)} {panel.Unit}";
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"""<text x="{x}" y="{y + 14}">{label}</text><rect x="{x + BarLeft}" y="{y}" width="{width:0.#}" height="20" fill="{color}"/><text x="{x + BarLeft + width + 6:0.#}" y="{y + 14}">{Xml(text)}</text>""");
    }

    private static double Valid(double value) => double.IsNaN(value) || double.IsInfinity(value) ? 0 : value;

    private static string Xml(string text) => SecurityElement.Escape(text) ?? "";
}
