using System.Diagnostics;
using Benchmark.Measure;
using Benchmark.Runtime;
using Docker.DotNet;

namespace Benchmark.Load;

/// <summary>
/// Sustained load: <see cref="BenchmarkOptions.LoadDuration"/> at <see cref="BenchmarkOptions.LoadConnections"/>
/// connections through the published port against a container limited to <see cref="BenchmarkOptions.LoadMemoryBytes"/>,
/// memory sampled every second; then the slow-client check on the same container: p99 of normal requests without and
/// with <see cref="BenchmarkOptions.SlowClients"/> header-trickling sockets.
/// </summary>
public sealed class LoadTest(BenchContainers containers, Wrk wrk, BenchmarkOptions options, TextWriter log)
{
    public async Task<LoadResult> RunAsync(BenchImage image, CancellationToken ct)
    {
        var container = await containers.RunHealthyAsync(image, options.LoadMemoryBytes, options.StartupTimeout, ct);
        try
        {
            await wrk.RunPublishedAsync(container, options.QuotePath, options.LoadConnections, options.WrkThreads, options.Warmup, ct);
            await TimeWaitDrain.WaitAsync(options.TimeWaitThreshold, options.TimeWaitDeadline, log, null, ct);

            log.WriteLine($"  sustained: {options.LoadDuration.TotalSeconds:0} s at {options.LoadConnections} connections, " +
                          $"--memory={options.LoadMemoryBytes / 1048576}m, memory sampled every second");
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var sampler = SampleMemoryAsync(container, sampling.Token);
            WrkResult sustained;
            try
            {
                sustained = await wrk.RunPublishedAsync(container, options.QuotePath, options.LoadConnections, options.WrkThreads,
                    options.LoadDuration, ct);
            }
            finally
            {
                await sampling.CancelAsync();
            }

            var memory = await sampler;
            var state = (await containers.InspectAsync(container, ct)).State!;
            var growth = LoadResult.Growth(memory, options.LoadDuration.TotalSeconds);
            log.WriteLine($"  sustained: {sustained.RequestsPerSecond:0} req/s, p99 {sustained.P99Ms:0.00} ms, non-2xx {sustained.Non2xx}, " +
                          $"socket errors {sustained.SocketErrors}, OOM killed {state.OOMKilled}, " +
                          $"memory {memory.FirstOrDefault()?.InUseBytes / 1048576.0:0.0} → {memory.LastOrDefault()?.InUseBytes / 1048576.0:0.0} MiB " +
                          $"(second half {Math.Round(growth * 100, 1):+0.0;-0.0;0.0} %)");
            if (!state.Running)
                return Stopped(image, sustained, state.OOMKilled, memory, growth);

            var slow = await SlowClientCheckAsync(container, ct);
            var after = (await containers.InspectAsync(container, ct)).State!;
            return new LoadResult
            {
                Image = image.Reference, MemoryLimitBytes = options.LoadMemoryBytes, Sustained = sustained,
                OomKilled = after.OOMKilled, RunningAfterLoad = after.Running, Memory = memory, SecondHalfGrowth = growth,
                Slow = slow, SlowClients = options.SlowClients,
            };
        }
        finally
        {
            await containers.RemoveAsync(container);
        }
    }

    /// <summary>
    /// The same slow-client check on another image (the peer), for contrast only: a fresh container at the load
    /// memory limit, no sustained load before it.
    /// </summary>
    public async Task<SlowClientCheck> RunSlowClientCheckAsync(BenchImage image, CancellationToken ct)
    {
        var container = await containers.RunHealthyAsync(image, options.LoadMemoryBytes, options.StartupTimeout, ct);
        try
        {
            return await SlowClientCheckAsync(container, ct);
        }
        finally
        {
            await containers.RemoveAsync(container);
        }
    }

    /// <summary>p99 of normal requests before, with and after the slow clients holding sockets open.</summary>
    private async Task<SlowClientCheck> SlowClientCheckAsync(ServiceContainer container, CancellationToken ct)
    {
        await TimeWaitDrain.WaitAsync(options.TimeWaitThreshold, options.TimeWaitDeadline, log, null, ct);
        Task<WrkResult> Normal() => wrk.RunPublishedAsync(container, options.QuotePath, options.SlowCheckConnections, options.WrkThreads,
            options.SlowCheckDuration, ct);
        var before = await Normal();
        WrkResult slowed;
        int openAtEnd;
        long reopened;
        await using (var slow = await SlowClients.StartAsync(container.HostPort, options.SlowClients,
                         options.SlowCheckDuration + TimeSpan.FromSeconds(30), ct))
        {
            slowed = await Normal();
            openAtEnd = slow.Open;
            reopened = slow.Reopened;
        }

        var after = await Normal();
        log.WriteLine($"  slow clients, {container.Image.Name}: p99 {before.P99Ms:0.00} ms before, {slowed.P99Ms:0.00} ms with {options.SlowClients} " +
                      $"trickling sockets, {after.P99Ms:0.00} ms after ({slowed.Requests} requests answered with them vs {before.Requests} before, " +
                      $"{slowed.SocketErrors} socket errors; {openAtEnd} slow sockets open at the end, {reopened} reopened after the server closed them)");
        return new SlowClientCheck(container.Image.Name, before, slowed, after, openAtEnd, reopened);
    }

    /// <summary>One sample per second until cancelled; a failed sample is skipped rather than ending the load run.</summary>
    private async Task<IReadOnlyList<MemorySample>> SampleMemoryAsync(ServiceContainer container, CancellationToken ct)
    {
        var samples = new List<MemorySample>();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                try
                {
                    var inUse = await containers.MemoryInUseAsync(container, ct);
                    samples.Add(new MemorySample(Math.Round(clock.Elapsed.TotalSeconds, 1), inUse));
                }
                catch (DockerApiException)
                {
                    // The engine was busy; the next tick tries again.
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the load.
        }

        return samples;
    }

    private LoadResult Stopped(BenchImage image, WrkResult sustained, bool oom, IReadOnlyList<MemorySample> memory, double growth)
    {
        return new LoadResult
        {
            Image = image.Reference, MemoryLimitBytes = options.LoadMemoryBytes, Sustained = sustained, OomKilled = oom,
            RunningAfterLoad = false, Memory = memory, SecondHalfGrowth = growth, SlowClients = options.SlowClients,
        };
    }
}
