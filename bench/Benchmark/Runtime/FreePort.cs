using System.Net;
using System.Net.Sockets;

namespace Benchmark.Runtime;

/// <summary>A free port on 127.0.0.1, chosen before the container starts so the startup clock needs no inspect call.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
