using System.Diagnostics;
using Benchmark.Runtime;
using Docker.DotNet;

namespace Benchmark.Measure;

/// <summary>
/// Container start → first 200 on /healthz, alternating A B A B with a fresh container each time. The clock starts
/// right before <c>POST /containers/{id}/start</c> (create is not counted: both images pay it alike) and stops at the
/// first 200 through the published port. One unrecorded start of each image first, so neither pays for a cold disk cache.
/// The CPU time the container used until then is recorded too: unlike wall time, a busy machine does not inflate it.
/// Each round also starts a container of the peer's image that only runs <c>sleep</c>: how long its start call takes
/// and the CPU it used are the engine's own share of every start (runc's init, namespaces, cgroup and port set-up;
/// the init runs inside the container's cgroup), the floor under both images' figures.
/// </summary>
public static class StartupMeasurement
{
    public sealed record Result(IReadOnlyDictionary<string, SampleSummary> WallMs, IReadOnlyDictionary<string, SampleSummary> CpuMs,
        SampleSummary? EngineFloorWallMs, SampleSummary? EngineFloorCpuMs);

    /// <summary>How long the floor container runs before its CPU is read: its start, then <c>sleep</c> idles.</summary>
    private static readonly TimeSpan FloorSettle = TimeSpan.FromMilliseconds(200);

    public static async Task<Result> RunAsync(BenchContainers containers,
        IReadOnlyList<BenchImage> images, BenchmarkOptions options, TextWriter log, CancellationToken ct)
    {
        var samples = images.ToDictionary(i => i.Name, _ => new List<double>());
        var cpu = images.ToDictionary(i => i.Name, _ => new List<double>());
        var (floorWall, floorCpu) = (new List<double>(), new List<double>());
        var peer = images.Single(i => i.Name == "peer"); // Debian-based: it has sleep
        using var probe = new HealthProbe();
        for (var round = 0; round <= options.StartupRounds; round++)
        {
            foreach (var image in images)
            {
                var (elapsed, used) = await StartOnceAsync(containers, probe, image, options, ct);
                if (round == 0)
                    continue;
                samples[image.Name].Add(elapsed.TotalMilliseconds);
                if (used is { } u)
                    cpu[image.Name].Add(u.TotalMilliseconds);
                log.WriteLine($"  start → 200  {image.Name,-4} round {round}: {elapsed.TotalMilliseconds,7:0} ms  (CPU {used?.TotalMilliseconds:0} ms)");
            }

            if (round > 0 && await EngineFloorAsync(containers, peer, options, ct) is ({ } floorStart, { } floorUsed))
            {
                floorWall.Add(floorStart.TotalMilliseconds);
                floorCpu.Add(floorUsed.TotalMilliseconds);
                log.WriteLine($"  engine floor (a container running sleep) round {round}: start {floorStart.TotalMilliseconds:0} ms, CPU {floorUsed.TotalMilliseconds:0} ms");
            }
        }

        return new Result(samples.ToDictionary(p => p.Key, p => SampleSummary.Of(p.Value)),
            cpu.ToDictionary(p => p.Key, p => SampleSummary.Of(p.Value)),
            floorWall.Count > 0 ? SampleSummary.Of(floorWall) : null, floorCpu.Count > 0 ? SampleSummary.Of(floorCpu) : null);
    }

    /// <summary>The start call's duration (it returns once the process runs) and the CPU used 200 ms later.</summary>
    private static async Task<(TimeSpan Wall, TimeSpan? Cpu)> EngineFloorAsync(BenchContainers containers, BenchImage image, BenchmarkOptions options, CancellationToken ct)
    {
        var container = await containers.CreateAsync(image, options.MemoryBytes, ct, entrypoint: ["sleep", "60"]);
        try
        {
            var clock = Stopwatch.StartNew();
            await containers.StartAsync(container, ct);
            var wall = clock.Elapsed;
            await Task.Delay(FloorSettle, ct);
            return (wall, CgroupCpu.Read(container.Id));
        }
        finally
        {
            await containers.RemoveAsync(container);
        }
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan? Cpu)> StartOnceAsync(BenchContainers containers, HealthProbe probe, BenchImage image,
        BenchmarkOptions options, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var container = await containers.CreateAsync(image, options.MemoryBytes, ct);
            try
            {
                var clock = Stopwatch.StartNew();
                await containers.StartAsync(container, ct);
                var elapsed = await probe.WaitForOkAsync(containers, container, options.StartupTimeout, ct, clock);
                return (elapsed, CgroupCpu.Read(container.Id));
            }
            catch (DockerApiException e) when (e.Message.Contains("port is already allocated", StringComparison.Ordinal) && attempt < 3)
            {
                // The free port we picked was taken in between; pick another.
            }
            finally
            {
                await containers.RemoveAsync(container);
            }
        }
    }
}
