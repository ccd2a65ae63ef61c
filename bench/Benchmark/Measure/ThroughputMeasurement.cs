using Benchmark.Runtime;

namespace Benchmark.Measure;

/// <summary>
/// GET /api/quote with wrk: for each path (published port, then the container's namespace) and round, each image in
/// turn (A B A B) gets a fresh container, a warm-up, a TIME_WAIT drain, the measured run and a memory sample right after.
/// </summary>
public sealed class ThroughputMeasurement(BenchContainers containers, Wrk wrk, BenchmarkOptions options, TextWriter log)
{
    public async Task<IReadOnlyList<ThroughputResult>> RunAsync(IReadOnlyList<BenchImage> images, CancellationToken ct)
    {
        var results = new List<ThroughputResult>();
        foreach (var inNamespace in new[] { false, true })
        {
            var rounds = images.ToDictionary(i => i.Name, _ => (Runs: new List<WrkResult>(), Memory: new List<long>()));
            for (var round = 1; round <= options.ThroughputRounds; round++)
            {
                foreach (var image in images)
                {
                    var (run, memory) = await RunOnceAsync(image, inNamespace, ct);
                    rounds[image.Name].Runs.Add(run);
                    rounds[image.Name].Memory.Add(memory);
                    log.WriteLine($"  wrk {(inNamespace ? "in-namespace" : "published   ")} {image.Name,-4} round {round}: " +
                                  $"{run.RequestsPerSecond,8:0} req/s  p50 {run.P50Ms,6:0.00} ms  p99 {run.P99Ms,7:0.00} ms  " +
                                  $"non-2xx {run.Non2xx}  socket errors {run.SocketErrors}  memory {memory / 1048576.0:0.0} MiB  " +
                                  $"server CPU {run.ServerCpuMicrosecondsPerRequest:0} µs/request  throttled {run.ThrottledSeconds:0.0} s");
                }
            }

            results.AddRange(images.Select(i => new ThroughputResult(i.Name, inNamespace, rounds[i.Name].Runs, rounds[i.Name].Memory)));
        }

        return results;
    }

    private async Task<(WrkResult Run, long Memory)> RunOnceAsync(BenchImage image, bool inNamespace, CancellationToken ct)
    {
        var container = await containers.RunHealthyAsync(image, options.MemoryBytes, options.StartupTimeout, ct);
        try
        {
            var pid = (int)(await containers.InspectAsync(container, ct)).State!.Pid; // its /proc/<pid>/net is the namespace's
            Task<WrkResult> Load(TimeSpan duration) => inNamespace
                ? wrk.RunInNamespaceAsync(container, options.QuotePath, options.Connections, options.WrkThreads, duration, ct)
                : wrk.RunPublishedAsync(container, options.QuotePath, options.Connections, options.WrkThreads, duration, ct);

            await Load(options.Warmup);
            var timeWait = await TimeWaitDrain.WaitAsync(options.TimeWaitThreshold, options.TimeWaitDeadline, log,
                inNamespace ? pid : null, ct);
            var (cpuBefore, throttledBefore) = (CgroupCpu.Read(container.Id), CgroupCpu.Throttled(container.Id));
            var run = await Load(options.Measure);
            var (cpu, throttled) = (CgroupCpu.Read(container.Id) - cpuBefore, CgroupCpu.Throttled(container.Id) - throttledBefore);
            var memory = await containers.MemoryInUseAsync(container, ct);
            return (run with { TimeWaitAtStart = timeWait, ServerCpuSeconds = cpu?.TotalSeconds, ThrottledSeconds = throttled?.TotalSeconds }, memory);
        }
        finally
        {
            await containers.RemoveAsync(container);
        }
    }
}
