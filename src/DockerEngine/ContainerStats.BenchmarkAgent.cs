using System.Text.Json;
using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>
/// <c>GET /containers/{id}/stats?stream=false&amp;one-shot=true</c>: memory the way <c>docker stats</c> shows it.
/// Added by the Benchmark agent in its own file, so <see cref="ContainersClient"/> stays its owner's; fold it in there
/// when convenient. It opens its own connection pool to the same endpoint as the client it is made from.
/// </summary>
public sealed class ContainerStatsClient : IDisposable
{
    private readonly DockerTransport _transport;

    public ContainerStatsClient(DockerClient docker) =>
        _transport = new DockerTransport(docker.Endpoint, docker.ApiVersion, TimeSpan.FromSeconds(5));

    /// <summary>One sample of the container's memory; one-shot, so it answers at once instead of after two CPU samples.</summary>
    public async Task<ContainerMemoryStats> GetMemoryAsync(string id, CancellationToken ct = default)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get,
            $"/containers/{DockerTransport.Segment(id)}/stats{new QueryString().Add("stream", false).Add("one-shot", true)}",
            $"Read stats of container {ContainersClient.Short(id)}", ct: ct);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return ContainerMemoryStats.Parse(doc.RootElement);
    }

    public void Dispose() => _transport.Dispose();
}

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
