using Docker.DotNet;
using Docker.DotNet.Models;

namespace SmokeTests.Soak;

/// <summary>
/// One reading of a container's memory cgroup. <see cref="WorkingSet"/> is what `docker stats` shows (usage less the
/// inactive file cache); <see cref="Anonymous"/> is the process's own memory (GC heap, native heap, stacks: cannot be
/// reclaimed without the process); <see cref="ActiveFile"/> the page cache counted as active (the binary's mapped
/// pages, mostly), which the kernel may move to the inactive list at any time.
/// </summary>
internal sealed record MemorySample(DateTime At, long WorkingSet, long Anonymous, long ActiveFile)
{
    public override string ToString() => $"{MiB(WorkingSet)} MiB (anonymous {MiB(Anonymous)}, active file {MiB(ActiveFile)})";

    public static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A container's memory through the Engine API's stats (cgroup v1 and v2 name the counters differently).</summary>
internal static class ContainerMemory
{
    public static async Task<MemorySample> SampleAsync(IDockerClient docker, string containerId)
    {
        var last = new LastReport();
        await docker.Containers.GetContainerStatsAsync(containerId, new ContainerStatsParameters { Stream = false }, last, CancellationToken.None);
        var memory = last.Value?.MemoryStats ?? throw new InvalidOperationException($"the engine sent no memory stats for container {containerId}");
        var usage = memory.Usage ?? throw new InvalidOperationException($"the engine reported no memory usage for container {containerId}");
        var detail = memory.Stats ?? new Dictionary<string, ulong>();
        // cgroup v2: inactive_file, active_file, anon; cgroup v1: total_inactive_file, total_active_file, total_rss.
        ulong Counter(string v2, string v1) => detail.TryGetValue(v2, out var value) || detail.TryGetValue(v1, out value) ? value : 0;
        var inactiveFile = Counter("inactive_file", "total_inactive_file");
        return new MemorySample(DateTime.UtcNow, (long)(usage - Math.Min(inactiveFile, usage)),
            (long)(detail.ContainsKey("anon") ? detail["anon"] : Counter("total_rss", "rss")), (long)Counter("active_file", "total_active_file"));
    }

    /// <summary>Synchronous (Progress&lt;T&gt; would post to the thread pool and race the return).</summary>
    private sealed class LastReport : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Value { get; private set; }

        public void Report(ContainerStatsResponse value) => Value = value;
    }
}
