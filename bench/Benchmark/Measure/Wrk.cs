using Containers;
using System.Globalization;
using System.Text.Json;
using System.Text;
using Benchmark.Runtime;
using DotNet.Testcontainers.Builders;

namespace Benchmark.Measure;

/// <summary>
/// Runs Debian's wrk (4.x) in a container of <see cref="Dockerfile"/> (FROM the Debian base), with a small Lua
/// <c>done</c> hook that prints the summary as one JSON line, so nothing depends on wrk's human-readable layout.
/// Published runs share the host's network (127.0.0.1:published port, docker-proxy included, as a client on this
/// host sees it); in-namespace runs share the target container's (<c>--network container:&lt;id&gt;</c>, its own
/// loopback, no proxy). Nothing is installed on the host.
/// </summary>
public sealed class Wrk(string image)
{
    private const string Marker = "WRK_JSON ";
    private const string ScriptPath = "/summary.lua";

    /// <summary>The load generator's image: Debian's wrk on the Debian base.</summary>
    public const string Dockerfile = """
        ARG BASE_IMAGE
        FROM ${BASE_IMAGE}
        RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk >/dev/null && rm -rf /var/lib/apt/lists/*
        ENTRYPOINT ["wrk"]
        """;

    private const string DoneScript = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"mean_us":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
            summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
            latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
        end
        """;

    /// <summary>Load through the published port (docker-proxy included), as a client on this host sees it.</summary>
    public Task<WrkResult> RunPublishedAsync(ServiceContainer container, string pathAndQuery, int connections, int threads,
        TimeSpan duration, CancellationToken ct) =>
        RunAsync("host", container.Url(pathAndQuery).ToString(), false, connections, threads, duration, ct);

    /// <summary>Load from inside the container's network namespace (its loopback), the server without the proxy.</summary>
    public Task<WrkResult> RunInNamespaceAsync(ServiceContainer container, string pathAndQuery, int connections,
        int threads, TimeSpan duration, CancellationToken ct) =>
        RunAsync($"container:{container.Id}", container.InNamespaceUrl(pathAndQuery), true, connections, threads, duration, ct);

    private async Task<WrkResult> RunAsync(string networkMode, string url, bool inNamespace,
        int connections, int threads, TimeSpan duration, CancellationToken ct)
    {
        threads = Math.Max(1, Math.Min(threads, connections));
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        await using var run = new ContainerBuilder(image)
            .WithCommand("-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{seconds}s", "--timeout", "2s", "--latency", "-s", ScriptPath, url)
            .WithResourceMapping(Encoding.UTF8.GetBytes(DoneScript), FilePath.Of(ScriptPath))
            .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = networkMode)
            .WithSessionLabels()
            .Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(duration + TimeSpan.FromSeconds(30));
        long exitCode;
        try
        {
            await run.StartAsync(limit.Token);
            exitCode = await run.GetExitCodeAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BenchmarkException($"wrk against {url} did not finish within {(duration + TimeSpan.FromSeconds(30)).TotalSeconds:0} s and was removed.");
        }

        var (stdout, stderr) = await run.GetLogsAsync(timestampsEnabled: false, ct: ct);
        if (exitCode != 0)
            throw new BenchmarkException($"wrk against {url} exited with {exitCode}:\n{string.Join('\n', (stdout + stderr).Split('\n').TakeLast(15))}");
        return Parse(stdout, url, inNamespace, connections, threads);
    }

    public static WrkResult Parse(string output, string url, bool inNamespace, int connections, int threads)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new BenchmarkException($"wrk printed no summary line ('{Marker.Trim()}') for {url}; its output:\n{output}");
        using var doc = JsonDocument.Parse(line[Marker.Length..]);
        var root = doc.RootElement;
        long Count(string name) => root.GetProperty(name).GetInt64();
        // No answered request has no latency (wrk prints zeros): NaN, so "0 ms" can never pass a latency goal.
        var answered = Count("requests") > 0;
        double Ms(string name) => answered ? root.GetProperty(name).GetDouble() / 1000.0 : double.NaN;
        return new WrkResult
        {
            Url = url,
            InContainerNamespace = inNamespace,
            Connections = connections,
            Threads = threads,
            Requests = Count("requests"),
            DurationSeconds = root.GetProperty("duration_us").GetDouble() / 1_000_000.0,
            MeanMs = Ms("mean_us"),
            P50Ms = Ms("p50_us"),
            P90Ms = Ms("p90_us"),
            P99Ms = Ms("p99_us"),
            MaxMs = Ms("max_us"),
            Non2xx = Count("status"),
            ConnectErrors = Count("connect"),
            ReadErrors = Count("read"),
            WriteErrors = Count("write"),
            Timeouts = Count("timeout"),
        };
    }
}
