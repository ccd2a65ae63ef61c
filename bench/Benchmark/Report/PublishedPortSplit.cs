using System.Globalization;
using Benchmark.Results;

namespace Benchmark.Report;

/// <summary>
/// Issue 13 point 5, from figures the run already has (no profiler): how much of the published-port gap is our own CPU
/// per request and how much lies outside our container (docker-proxy and the load generator on the same cores).
/// </summary>
public static class PublishedPortSplit
{
    /// <summary>One paragraph for our image; null when either path or its CPU accounting was not measured.</summary>
    public static string? Explain(BenchmarkResults r)
    {
        if (r.ThroughputOf("ours", false) is not { } published || r.ThroughputOf("ours", true) is not { } inside
            || double.IsNaN(published.CpuMicrosecondsPerRequest) || double.IsNaN(inside.CpuMicrosecondsPerRequest)
            || published.RequestsPerSecond <= 0 || inside.RequestsPerSecond <= 0)
            return null;

        var (pubCpu, nsCpu) = (published.CpuMicrosecondsPerRequest, inside.CpuMicrosecondsPerRequest);
        // Requests per second × CPU seconds per request = CPUs our server kept busy; the quota is r.Settings.Cpus.
        var pubBusy = published.RequestsPerSecond * pubCpu / 1e6 / r.Settings.Cpus;
        var nsBusy = inside.RequestsPerSecond * nsCpu / 1e6 / r.Settings.Cpus;
        var added = 1 / published.RequestsPerSecond - 1 / inside.RequestsPerSecond; // wall seconds per request the port adds
        if (added <= 0)
            return string.Create(CultureInfo.InvariantCulture,
                $"Our server: {published.RequestsPerSecond:0} req/s through the published port, {inside.RequestsPerSecond:0} req/s in its namespace: the port costs nothing measurable.");
        // Our extra CPU per request, as wall time at a saturated quota, against the wall time the port adds per request.
        var ownShare = Math.Clamp(Math.Max(0, pubCpu - nsCpu) / 1e6 / r.Settings.Cpus / added, 0, 1);
        var verdict = ownShare >= 0.5 ? "Most of the gap is our own CPU: a cheaper request path would close it."
            : "Most of the gap is the proxy's and the load generator's CPU: a deployment without the userland proxy (or more cores) closes it, not our code.";
        return string.Create(CultureInfo.InvariantCulture,
            $"Our server: {published.RequestsPerSecond:0} req/s through the published port, {inside.RequestsPerSecond:0} req/s in its namespace " +
            $"({inside.RequestsPerSecond / published.RequestsPerSecond:0.0}×). Its own CPU per request is {pubCpu:0} µs through the port and " +
            $"{nsCpu:0} µs in the namespace (access log line included in both: server.conf's accesslog is on, as the peer's), so the path " +
            $"costs our process {pubCpu - nsCpu:+0;-0;0} µs per request, about {ownShare * 100:0} % of the time per request that the port adds. " +
            $"Our quota was {pubBusy * 100:0} % busy through the port (throttled {published.ThrottledShare * 100:0} % of the run) against {nsBusy * 100:0} % in the namespace: " +
            $"the rest is outside our container, in docker-proxy (the userland proxy that carries 127.0.0.1 traffic to a published port, " +
            $"copying every byte on the host) and wrk, which share the machine's {r.Machine.Cores} cores with the server. {verdict}");
    }
}
