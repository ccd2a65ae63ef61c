using Containers.Builders;
using Containers.Output;

namespace Containers;

/// <summary>A container described by a <see cref="ContainerBuilder"/>. <c>await using</c> removes it.</summary>
public interface IContainer : IAsyncDisposable
{
    ContainerConfiguration Configuration { get; }

    /// <summary>The engine's id; available after <see cref="StartAsync"/>.</summary>
    string Id { get; }

    /// <summary>The unique container name (prefix from <c>WithName</c> plus a random suffix).</summary>
    string Name { get; }

    string Image { get; }

    /// <summary>Where published ports are reachable from the host: always the loopback address.</summary>
    string Hostname { get; }

    /// <summary>Creates (creating its network first if needed), starts, and runs the wait strategy.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>SIGTERM, then SIGKILL after the stop timeout. The container stays inspectable until disposed.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>The random host port on 127.0.0.1 that <paramref name="containerPort"/> was published on.</summary>
    ushort GetMappedPublicPort(int containerPort);

    /// <summary><c>http://127.0.0.1:{mapped port}/</c></summary>
    Uri GetBaseAddress(int containerPort);

    /// <summary>The lines received so far by the live log reader (stdout/stderr separated).</summary>
    ContainerLogs Logs { get; }

    /// <summary>All logs the engine has for the container, read now.</summary>
    Task<ContainerLogs> GetLogsAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits until the container has exited and returns its exit code.</summary>
    Task<long> GetExitCodeAsync(CancellationToken cancellationToken = default);

    Task<ContainerStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>The container's state as the engine reports it.</summary>
/// <param name="Health">null without a health check, else starting/healthy/unhealthy.</param>
/// <param name="LastHealthOutput">Output of the last health probe, for failure messages.</param>
public sealed record ContainerStatus(
    string State, bool Running, long ExitCode, string? Health, string? LastHealthOutput, int Pid, bool OomKilled, string? Error);
