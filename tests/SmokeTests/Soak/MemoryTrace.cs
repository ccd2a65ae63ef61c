using Docker.DotNet;

namespace SmokeTests.Soak;

/// <summary>
/// The container's memory sampled every <see cref="Interval"/> for the whole soak, so a plateau (a working set reached
/// early, then flat) can be told from steady growth (a leak): the curve is printed, and the growth rate after warm-up.
/// </summary>
internal sealed class MemoryTrace(IDockerClient docker, string containerId) : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly List<MemorySample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;

    public IReadOnlyList<MemorySample> Samples
    {
        get { lock (_samples) return [.. _samples]; }
    }

    public void Start() => _sampling = SampleUntilStoppedAsync();

    public async Task<MemorySample> SampleAsync()
    {
        var sample = await ContainerMemory.SampleAsync(docker, containerId);
        lock (_samples) _samples.Add(sample);
        return sample;
    }

    /// <summary>Ends the sampling; a failed sample (the engine's stats) surfaces here.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null) await _sampling;
    }

    /// <summary>Stops the sampling when the soak ended early (a failed step): nothing keeps polling the engine.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null) await _sampling.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    /// <summary>
    /// After the load: samples until two in a row agree within <paramref name="tolerance"/> of each other (the pools and
    /// the GC have given back what they will give back when idle), or <paramref name="limit"/> has passed; the last one.
    /// </summary>
    public async Task<(MemorySample Sample, TimeSpan Waited)> SettledAsync(double tolerance, TimeSpan limit)
    {
        var start = DateTime.UtcNow;
        var previous = await SampleAsync();
        while (DateTime.UtcNow - start < limit)
        {
            await Task.Delay(Interval);
            var next = await SampleAsync();
            if (Math.Abs(next.WorkingSet - previous.WorkingSet) <= previous.WorkingSet * tolerance) return (next, DateTime.UtcNow - start);
            previous = next;
        }
        return (previous, DateTime.UtcNow - start);
    }

    /// <summary>Working set growth per minute between <paramref name="from"/> and <paramref name="to"/> (least squares).</summary>
    public double SlopeBytesPerMinute(DateTime from, DateTime to)
    {
        var points = Samples.Where(s => s.At >= from && s.At <= to).Select(s => ((s.At - from).TotalMinutes, (double)s.WorkingSet)).ToList();
        if (points.Count < 2) return 0;
        var meanX = points.Average(p => p.Item1);
        var meanY = points.Average(p => p.Item2);
        var spread = points.Sum(p => (p.Item1 - meanX) * (p.Item1 - meanX));
        return spread == 0 ? 0 : points.Sum(p => (p.Item1 - meanX) * (p.Item2 - meanY)) / spread;
    }

    /// <summary>One line per minute of the run: lowest and highest working set, and the anonymous part at the highest.</summary>
    public IEnumerable<string> CurveLines(DateTime begin) =>
        Samples.GroupBy(s => (int)((s.At - begin).TotalMinutes)).OrderBy(g => g.Key).Select(g =>
        {
            var high = g.MaxBy(s => s.WorkingSet)!;
            return $"  minute {g.Key,2}: {MemorySample.MiB(g.Min(s => s.WorkingSet))}-{MemorySample.MiB(high.WorkingSet)} MiB " +
                $"(anonymous {MemorySample.MiB(high.Anonymous)}, active file {MemorySample.MiB(high.ActiveFile)}; {g.Count()} samples)";
        });

    private async Task SampleUntilStoppedAsync()
    {
        using var tick = new PeriodicTimer(Interval);
        try
        {
            do await SampleAsync();
            while (await tick.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
