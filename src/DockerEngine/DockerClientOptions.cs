namespace DockerEngine;

public sealed record DockerClientOptions
{
    /// <summary>Defaults to <see cref="DockerEndpoint.FromEnvironment"/> (DOCKER_HOST, else the unix socket).</summary>
    public DockerEndpoint? Endpoint { get; init; }

    /// <summary>Pin an API version (e.g. "1.41") and skip negotiation. Null: negotiate from <c>/_ping</c>.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>How long to wait for the socket/TCP connection; an engine that does not answer fails fast.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
