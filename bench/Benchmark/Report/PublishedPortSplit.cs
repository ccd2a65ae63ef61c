using System.Globalization;
using Benchmark.Results;

namespace Benchmark.Report;

/// <summary>
/// Issue 13 point 5, from figures the run already has (no profiler): whether the published port is limited by our own CPU per request
/// or by what lies outside our container (docker-proxy and the load generator on the same cores).
/// </summary>
public static class PublishedPortSplit
{
    /// <summary>Above this share of its CPU quota the server itself is the bottleneck (the rest is scheduling slack).</summary>
    private const double SaturatedQuota = 0.9;

    /// <summary>One paragraph for our image; null when either path or its CPU accounting was not measured.</summary>
    public static string? Explain(BenchmarkResults r)
    {
        if (r.ThroughputOf("ours", false) is not { } published || r.ThroughputOf("ours", true) is not { } inside
            || double.IsNaN(published.CpuMicrosecondsPerRequest) || double.IsNaN(inside.CpuMicrosecondsPerRequest)
            || published.RequestsPerSecond <= 0 || inside.RequestsPerSecond <= 0)
            return null;

        var (pubCpu, nsCpu) = (published.CpuMicrosecondsPerRequest, inside.CpuMicrosecondsPerRequest);
        // Requests per second × CPU seconds per request = the share of our CPU quota the server kept busy.
        var busy = published.RequestsPerSecond * pubCpu / 1e6 / r.Settings.Cpus;
        var verdict = busy < SaturatedQuota
            ? "so it had idle CPU and waited for requests: the limit is outside our container, in docker-proxy (the userland proxy that " +
              $"carries 127.0.0.1 traffic to a published port, copying every byte on the host) and wrk, which share the machine's {r.Machine.Cores} " +
              "cores with it. A deployment without the userland proxy (or more cores) closes the gap, not our code."
            : "so our own CPU is the limit: fewer µs per request would raise it (the access log line is one candidate: a run with accesslog off shows its share).";
        return string.Create(CultureInfo.InvariantCulture,
            $"Our server: {published.RequestsPerSecond:0} req/s through the published port, {inside.RequestsPerSecond:0} req/s in its namespace " +
            $"({inside.RequestsPerSecond / published.RequestsPerSecond:0.0}×). Its own CPU per request: {pubCpu:0} µs through the port, " +
            $"{nsCpu:0} µs in the namespace ({pubCpu - nsCpu:+0;-0;0} µs per request through the port; the access log line is in both, " +
            $"server.conf's accesslog is on, as the peer's). At {pubCpu:0} µs our quota serves up to {r.Settings.Cpus * 1e6 / pubCpu:0} req/s; " +
            $"through the port the server used {busy * 100:0} % of it (throttled {published.ThrottledShare * 100:0} % of the run), {verdict}");
    }
}
