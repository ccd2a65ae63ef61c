using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>Engine API calls for containers.</summary>
public sealed class ContainersClient
{
    private readonly DockerTransport _transport;

    internal ContainersClient(DockerTransport transport) => _transport = transport;
}
