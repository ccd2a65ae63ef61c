using System.Text.Json;

namespace DockerEngine;

/// <summary>
/// <paramref name="Usage"/> counts the page cache too; <see cref="InUse"/> subtracts the inactive file cache as the
/// docker CLI does (cgroup v1: <c>total_inactive_file</c>, v2: <c>inactive_file</c>). Zero usage means "not running".
/// </summary>
public sealed record ContainerMemoryStats(long Usage, long InactiveFile, long Limit)
{
    public long InUse => Math.Max(0, Usage - InactiveFile);

    internal static ContainerMemoryStats Parse(JsonElement root)
    {
        if (!root.TryGetProperty("memory_stats", out var memory) || memory.ValueKind != JsonValueKind.Object)
            return new ContainerMemoryStats(0, 0, 0);
        var inactive = 0L;
        if (memory.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.Object)
            inactive = Long(stats, "total_inactive_file") ?? Long(stats, "inactive_file") ?? 0;
        return new ContainerMemoryStats(Long(memory, "usage") ?? 0, inactive, Long(memory, "limit") ?? 0);
    }

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;
}
