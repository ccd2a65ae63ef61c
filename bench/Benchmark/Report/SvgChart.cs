using System.Globalization;
using System.Security;
using System.Text;
using Benchmark.Results;

namespace Benchmark.Report;

/// <summary>
/// chart.svg, written by hand (no plotting library here): one small panel per metric with two horizontal bars,
/// ours and peer, each panel on its own scale, the better direction named in the title.
/// </summary>
public static class SvgChart
{
    private const int Width = 900, PanelWidth = 430, PanelHeight = 96, BarLeft = 70, BarMax = 280, Header = 76;
    private const string Ours = "#2b6cb0", Peer = "#dd6b20";

    private sealed record Panel(string Title, string Unit, string Format, double Ours, double Peer);

    public static string Render(BenchmarkResults r)
    {
        var panels = new List<Panel>();
        foreach (var inNamespace in new[] { false, true })
        {
            var (o, p) = (r.ThroughputOf("ours", inNamespace), r.ThroughputOf("peer", inNamespace));
            if (o is null || p is null)
                continue;
            var where = inNamespace ? "in namespace" : "published port";
            panels.Add(new Panel($"throughput, {where} (higher is better)", "req/s", "0", o.RequestsPerSecond, p.RequestsPerSecond));
            panels.Add(new Panel($"latency p99, {where} (lower is better)", "ms", "0.00", o.P99Ms, p.P99Ms));
        }

        if (r.ThroughputOf("ours", true) is { } oc && r.ThroughputOf("peer", true) is { } pc)
            panels.Add(new Panel("server CPU per request, in namespace (lower is better)", "µs", "0", oc.CpuMicrosecondsPerRequest, pc.CpuMicrosecondsPerRequest));
        if (r.Startup.TryGetValue("ours", out var so) && r.Startup.TryGetValue("peer", out var sp))
            panels.Add(new Panel("start → first 200, median (lower is better)", "ms", "0", so.Median, sp.Median));
        panels.Add(new Panel("memory after load (lower is better)", "MiB", "0.0", r.MemoryAfterLoadMiB("ours"), r.MemoryAfterLoadMiB("peer")));
        panels.Add(new Panel("image size, uncompressed (lower is better)", "MB", "0.0", r.Ours.SizeMB, r.Peer.SizeMB));

        var rows = (panels.Count + 1) / 2;
        var height = Header + rows * PanelHeight + 10;
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
            $"""<rect x="{Width - 170}" y="8" width="12" height="12" fill="{Ours}"/><text x="{Width - 153}" y="18">ours</text><rect x="{Width - 110}" y="8" width="12" height="12" fill="{Peer}"/><text x="{Width - 93}" y="18">peer</text>""");
        for (var i = 0; i < panels.Count; i++)
            RenderPanel(svg, panels[i], 10 + i % 2 * (PanelWidth + 20), Header + i / 2 * PanelHeight);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void RenderPanel(StringBuilder svg, Panel panel, int x, int y)
    {
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x}" y="{y + 14}" font-weight="bold">{Xml(panel.Title)}</text>""");
        var max = Math.Max(Valid(panel.Ours), Valid(panel.Peer));
        Bar(svg, "ours", panel.Ours, max, panel, x, y + 24, Ours);
        Bar(svg, "peer", panel.Peer, max, panel, x, y + 50, Peer);
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
