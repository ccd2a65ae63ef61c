namespace DockerEngine;

/// <summary>
/// Kept for the benchmark's existing calls (it contributed the first version); new code should call
/// <see cref="ContainersClient.GetMemoryStatsAsync"/> on the shared client instead.
/// </summary>
public sealed class ContainerStatsClient(DockerClient docker) : IDisposable
{
    /// <summary>One sample of the container's memory; one-shot, so it answers at once instead of after two CPU samples.</summary>
    public Task<ContainerMemoryStats> GetMemoryAsync(string id, CancellationToken ct = default) =>
        docker.Containers.GetMemoryStatsAsync(id, ct);

    public void Dispose()
    {
        // Nothing of its own: the DockerClient owns the connections.
    }
}
