using Containers;
using Benchmark.Load;
using Benchmark.Measure;
using Benchmark.Peer;
using Benchmark.Report;
using Benchmark.Results;
using Benchmark.Runtime;
using Docker.DotNet;

namespace Benchmark;

/// <summary>
/// The Benchmark target's whole job, in the order the issue states it:
/// peer image → image facts → correctness gate → start → first 200 → throughput/latency/memory (published port, then
/// in the container's namespace) → sustained load and slow clients → our pipeline's timings → goals → results.json,
/// results.md, chart.svg. Every container is labelled and removed, also on Ctrl+C and failures. Goal misses are
/// reported in the results, not thrown; an unusable setup (missing tool or image, servers that disagree) throws
/// <see cref="BenchmarkException"/>.
/// </summary>
/// <example><code>
/// var results = await BenchmarkRun.RunAsync(new BenchmarkOptions
/// {
///     OursImage = imageId, PeerBaseImage = "creditrobot/debian:bookworm", RepositoryRoot = RootDirectory,
/// }, Console.Out, ct);
/// </code></example>
public static class BenchmarkRun
{
    public static async Task<BenchmarkResults> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var notes = new List<string> { $"Load average at start: {LoadAverage()} (other work on the machine makes numbers noisy)." };
        using var docker = TestcontainersEngine.CreateClient(); // engine compatibility derived as for the tests
        await docker.System.PingAsync(ct);
        await SweepLeftoversAsync(docker, log, ct);
        var machine = await MachineInfo.ReadAsync(docker, ct);
        log.WriteLine($"Benchmark on {machine}");

        var peerReference = options.PeerImage ?? await BuildPeerAsync(docker, options, log, ct);
        BenchImage ours = new("ours", options.OursImage, options.OursPort), peer = new("peer", peerReference, options.PeerPort);
        var jit = options.JitImage is { } jitReference ? new BenchImage("jit", jitReference, options.OursPort) : null;
        BenchImage[] images = jit is null ? [ours, peer] : [ours, jit, peer]; // alternating A B C A B C
        var results = new BenchmarkResults
        {
            StartedAt = startedAt,
            Machine = machine,
            Settings = RunSettings.From(options),
            Ours = await ImageFacts.ReadAsync(docker, "ours", ours.Reference, ct),
            Peer = await ImageFacts.ReadAsync(docker, "peer", peer.Reference, ct),
            Jit = jit is null ? null : await ImageFacts.ReadAsync(docker, "jit", jit.Reference, ct),
        };
        log.WriteLine($"  images: ours {results.Ours.SizeMB:0.0} MB / {results.Ours.Layers} layers, peer {results.Peer.SizeMB:0.0} MB / {results.Peer.Layers} layers" +
                      (results.Jit is { } j ? $", jit {j.SizeMB:0.0} MB / {j.Layers} layers" : ""));
        if (jit is null)
            notes.Add("The trimmed JIT variant was not compared (no JitImage).");

        log.WriteLine("Load generator: Debian's wrk in a container");
        var wrk = new Wrk(await RecipeImages.BuildAsync("wrk", Wrk.Dockerfile));
        await using (var containers = new BenchContainers(docker, options.NanoCpus))
        {
            log.WriteLine("Correctness gate: both servers answer /api/quote identically");
            results = results with { Correctness = await GateAsync(containers, ours, peer, options, ct) };

            log.WriteLine($"Start → first 200 on /healthz, {options.StartupRounds} rounds alternating");
            var startup = await StartupMeasurement.RunAsync(containers, images, options, log, ct);
            results = results with { Startup = startup.WallMs, StartupCpu = startup.CpuMs, EngineFloorWall = startup.EngineFloorWallMs, EngineFloorCpu = startup.EngineFloorCpuMs };

            log.WriteLine($"Throughput and latency of {options.QuotePath}, {options.ThroughputRounds} round(s) alternating");
            results = results with { Throughput = await new ThroughputMeasurement(containers, wrk, options, log).RunAsync(images, ct) };

            if (options.RunLoad)
            {
                log.WriteLine("Under load (ours), then the slow clients against the peer for contrast");
                var loadTest = new LoadTest(containers, wrk, options, log);
                var load = await SectionAsync(() => loadTest.RunAsync(ours, ct), "load test", notes, log);
                if (load is not null)
                    load = load with { Peer = await SectionAsync(() => loadTest.RunSlowClientCheckAsync(peer, ct), "peer slow-client check", notes, log) };
                results = results with { Load = load };
            }
            else
                notes.Add("The load section was skipped (RunLoad = false).");
        }

        if (options.RunPipeline)
        {
            log.WriteLine("Our pipeline (build.sh as child processes)");
            results = results with { Pipeline = await SectionAsync(() => new PipelineTimings(options, log).RunAsync(ct), "pipeline timings", notes, log) ?? [] };
        }
        else
            notes.Add("The pipeline timings were skipped (RunPipeline = false).");

        notes.Add($"Load average at the end: {LoadAverage()}.");
        results = results with { FinishedAt = DateTimeOffset.UtcNow, Notes = notes };
        results = results with { Goals = Goals.Evaluate(results) };
        var files = await ResultsWriter.WriteAsync(results, options.ResolvedOutputDirectory, ct);
        log.WriteLine();
        log.WriteLine(MarkdownReport.Render(results));
        log.WriteLine($"Wrote {string.Join(", ", files)}");
        return results;
    }

    /// <summary>
    /// Only our pipeline's timings and their budgets (no peer, no image measurements): pipeline.md and pipeline.json in
    /// the output directory, the table on the console. Budget misses are in the goals, not thrown.
    /// </summary>
    public static async Task<IReadOnlyList<Goal>> RunPipelineAsync(BenchmarkOptions options, TextWriter log, CancellationToken ct)
    {
        var (startedAt, loadAverage) = (DateTimeOffset.UtcNow, LoadAverage());
        log.WriteLine($"Our pipeline (build.sh as child processes), load average {loadAverage}");
        var steps = await new PipelineTimings(options, log).RunAsync(ct);
        var goals = Goals.Pipeline(steps);
        var report = MarkdownReport.RenderPipeline(steps, goals, startedAt, loadAverage);
        Directory.CreateDirectory(options.ResolvedOutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.ResolvedOutputDirectory, "pipeline.md"), report, ct);
        await File.WriteAllTextAsync(Path.Combine(options.ResolvedOutputDirectory, "pipeline.json"), ResultsWriter.Serialize(new { startedAt, loadAverage, steps, goals }), ct);
        log.WriteLine();
        log.WriteLine(report);
        return goals;
    }

    private static async Task<string> BuildPeerAsync(IDockerClient docker, BenchmarkOptions options, TextWriter log, CancellationToken ct)
    {
        if (options.PeerBaseImage is null)
            throw new BenchmarkException("Neither PeerImage nor PeerBaseImage is set: the peer needs the bootstrapped Debian base image to build on.");
        log.WriteLine($"Peer image from {options.PeerContext} on {options.PeerBaseImage}");
        return await PeerImage.BuildAsync(docker, options.PeerContext, options.PeerBaseImage, log, ct);
    }

    private static async Task<CorrectnessGate.Outcome> GateAsync(BenchContainers containers, BenchImage ours, BenchImage peer,
        BenchmarkOptions options, CancellationToken ct)
    {
        var a = await containers.RunHealthyAsync(ours, options.MemoryBytes, options.StartupTimeout, ct);
        var b = await containers.RunHealthyAsync(peer, options.MemoryBytes, options.StartupTimeout, ct);
        try
        {
            var outcome = await CorrectnessGate.RunAsync(a, b, ct);
            if (!outcome.Passed)
                throw new BenchmarkException(
                    $"The peer and our app disagree on {outcome.Mismatches.Count} of {outcome.Cases} /api/quote inputs, so comparing them " +
                    "would measure different work. Make bench/peer/app.py follow src/CreditRobot's rule. First differences:\n" +
                    string.Join('\n', outcome.Mismatches.Take(5).Select(m =>
                        $"  ?{m.Query}\n    ours {m.OursStatus} {m.OursBody}\n    peer {m.PeerStatus} {m.PeerBody}")));
            return outcome;
        }
        finally
        {
            await containers.RemoveAsync(a);
            await containers.RemoveAsync(b);
        }
    }

    /// <summary>A later section failing (a tool, the engine, a missing target) is recorded as a note; the rest is still written.</summary>
    private static async Task<T?> SectionAsync<T>(Func<Task<T>> section, string name, List<string> notes, TextWriter log) where T : class
    {
        try
        {
            return await section();
        }
        catch (Exception e) when (e is BenchmarkException or DockerApiException or HttpRequestException)
        {
            log.WriteLine($"  {name} failed: {e.Message}");
            notes.Add($"The {name} failed: {e.Message}");
            return null;
        }
    }

    private static async Task SweepLeftoversAsync(IDockerClient docker, TextWriter log, CancellationToken ct)
    {
        // Containers of an earlier benchmark or test run that was killed carry a dead session's labels.
        var swept = await SessionSweep.RunAsync(docker, ct);
        if (swept.Sessions.Count > 0)
            log.WriteLine($"  leftovers of crashed sessions: {swept}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
