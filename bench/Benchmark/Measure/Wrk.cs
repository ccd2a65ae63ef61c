using System.Globalization;
using System.Text.Json;
using Benchmark.Runtime;

namespace Benchmark.Measure;

/// <summary>
/// Runs Debian's wrk (4.x) with a small Lua <c>done</c> hook that prints the summary as one JSON line, so nothing
/// depends on wrk's human-readable layout. The hook runs once at the end: no per-request Lua cost.
/// In-namespace runs start wrk through <c>nsenter -n -t PID</c>: the container's own loopback, no docker-proxy.
/// </summary>
public sealed class Wrk : IDisposable
{
    private const string Marker = "WRK_JSON ";

    private const string DoneScript = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"mean_us":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
            summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
            latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
        end
        """;

    private readonly string _scriptDirectory;
    private readonly string _script;

    public Wrk()
    {
        _scriptDirectory = Directory.CreateTempSubdirectory("benchmark-wrk-").FullName;
        _script = Path.Combine(_scriptDirectory, "summary.lua");
        File.WriteAllText(_script, DoneScript);
    }

    /// <summary>Load through the published port (docker-proxy included), as a client on this host sees it.</summary>
    public Task<WrkResult> RunPublishedAsync(ServiceContainer container, string pathAndQuery, int connections, int threads,
        TimeSpan duration, CancellationToken ct) =>
        RunAsync("wrk", [], container.Url(pathAndQuery).ToString(), false, connections, threads, duration, ct);

    /// <summary>Load from inside the container's network namespace (its loopback), the server without the proxy.</summary>
    public Task<WrkResult> RunInNamespaceAsync(int containerPid, ServiceContainer container, string pathAndQuery, int connections,
        int threads, TimeSpan duration, CancellationToken ct) =>
        RunAsync("nsenter", ["-n", "-t", containerPid.ToString(CultureInfo.InvariantCulture), "wrk"],
            container.InNamespaceUrl(pathAndQuery), true, connections, threads, duration, ct);

    private async Task<WrkResult> RunAsync(string program, IReadOnlyList<string> prefix, string url, bool inNamespace,
        int connections, int threads, TimeSpan duration, CancellationToken ct)
    {
        threads = Math.Max(1, Math.Min(threads, connections));
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        string[] arguments =
        [
            .. prefix, "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{seconds}s", "--timeout", "2s", "--latency", "-s", _script, url,
        ];
        var outcome = await ChildProcess.RunAsync(program, arguments, duration + TimeSpan.FromSeconds(30), ct);
        if (outcome.ExitCode != 0)
            throw new BenchmarkException($"wrk against {url} exited with {outcome.ExitCode}:\n{outcome.Tail()}");
        return Parse(outcome.StandardOutput, url, inNamespace, connections, threads);
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

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scriptDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
