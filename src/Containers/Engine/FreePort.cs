using System.Net;
using System.Net.Sockets;

namespace Containers;

/// <summary>
/// A port that was free a moment ago on 127.0.0.1: for a container's published port chosen up front (so no inspect
/// call is needed to learn it) or a local process under test.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
