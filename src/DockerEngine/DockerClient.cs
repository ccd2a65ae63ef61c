using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>
/// A Docker Engine API client over a unix socket or TCP. The API version is negotiated on the first call
/// (min of the engine's and <see cref="ApiVersion.MaxSupported"/>), so it works on engine 20.10 (API 1.41) and newer.
/// </summary>
/// <example><code>
/// using var docker = new DockerClient();          // DOCKER_HOST, else unix:///var/run/docker.sock
/// await docker.PingAsync(ct);
/// var id = await docker.Containers.CreateAsync(new CreateContainerRequest { Image = "app:1" }, ct);
/// </code></example>
public sealed class DockerClient : IDisposable
{
    private readonly DockerTransport _transport;

    public DockerClient(DockerClientOptions? options = null)
    {
        options ??= new DockerClientOptions();
        var endpoint = options.Endpoint ?? DockerEndpoint.FromEnvironment();
        var pinned = options.ApiVersion is null ? (ApiVersion?)null : DockerEngine.ApiVersion.Parse(options.ApiVersion);
        _transport = new DockerTransport(endpoint, pinned, options.ConnectTimeout);
        Containers = new ContainersClient(_transport);
        Images = new ImagesClient(_transport);
        Networks = new NetworksClient(_transport);
        Volumes = new VolumesClient(_transport);
    }

    public DockerClient(DockerEndpoint endpoint) : this(new DockerClientOptions { Endpoint = endpoint })
    {
    }

    public DockerEndpoint Endpoint => _transport.Endpoint;

    /// <summary>The API version in use; null until the first call (or <see cref="PingAsync"/>) negotiated it.</summary>
    public ApiVersion? ApiVersion => _transport.Version;

    public ContainersClient Containers { get; }
    public ImagesClient Images { get; }
    public NetworksClient Networks { get; }
    public VolumesClient Volumes { get; }

    /// <summary>Checks the engine answers and negotiates the API version. Throws <see cref="DockerErrorKind.Unreachable"/> if not.</summary>
    public Task<PingResult> PingAsync(CancellationToken ct = default) => _transport.PingAsync(ct);

    public Task<VersionResponse> VersionAsync(CancellationToken ct = default) =>
        _transport.GetJsonAsync<VersionResponse>("/version", "Read the engine version", ct);

    /// <summary>Pings until the engine answers or <paramref name="timeout"/> passes (for an engine that is starting).</summary>
    public async Task<PingResult> WaitUntilReachableAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await PingAsync(ct);
            }
            catch (DockerEngineException e) when (e.Kind == DockerErrorKind.Unreachable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }

    public void Dispose() => _transport.Dispose();
}
