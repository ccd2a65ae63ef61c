using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>Engine API calls for volumes.</summary>
public sealed class VolumesClient
{
    private readonly DockerTransport _transport;

    internal VolumesClient(DockerTransport transport) => _transport = transport;
}
