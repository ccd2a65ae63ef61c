using Docker.DotNet;
using Docker.DotNet.Models;

namespace Publishing;

/// <summary>A container's whole log so far, stdout and stderr apart (what an error message or a test shows).</summary>
internal static class ContainerLogs
{
    public static async Task<(string Stdout, string Stderr)> ReadAsync(IDockerClient docker, string id, CancellationToken ct)
    {
        using var stream = await docker.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, ct);
        return await stream.ReadOutputToEndAsync(ct);
    }
}
