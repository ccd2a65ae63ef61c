using Docker.DotNet;
using Docker.DotNet.Models;

namespace SmokeTests.Soak;

/// <summary>A container's memory as `docker stats` shows it (usage less the reclaimable page cache), through the Engine API.</summary>
internal static class ContainerMemory
{
    public static async Task<long> BytesAsync(IDockerClient docker, string containerId)
    {
        var last = new LastReport();
        await docker.Containers.GetContainerStatsAsync(containerId, new ContainerStatsParameters { Stream = false }, last, CancellationToken.None);
        var memory = last.Value?.MemoryStats ?? throw new InvalidOperationException($"the engine sent no memory stats for container {containerId}");
        ulong cache = 0;
        if (memory.Stats is { } detail && !detail.TryGetValue("inactive_file", out cache)) // cgroup v2; v1 names it total_inactive_file
            detail.TryGetValue("total_inactive_file", out cache);
        var usage = memory.Usage ?? throw new InvalidOperationException($"the engine reported no memory usage for container {containerId}");
        return (long)(usage - Math.Min(cache, usage));
    }

    /// <summary>Synchronous (Progress&lt;T&gt; would post to the thread pool and race the return).</summary>
    private sealed class LastReport : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Value { get; private set; }

        public void Report(ContainerStatsResponse value) => Value = value;
    }
}
