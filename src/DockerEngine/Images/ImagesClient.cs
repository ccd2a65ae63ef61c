using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>Engine API calls for images.</summary>
public sealed class ImagesClient
{
    private readonly DockerTransport _transport;

    internal ImagesClient(DockerTransport transport) => _transport = transport;
}
