using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>Engine API calls for networks.</summary>
public sealed class NetworksClient
{
    private readonly DockerTransport _transport;

    internal NetworksClient(DockerTransport transport) => _transport = transport;
}
