using System.Net;

namespace Publishing.Registry;

/// <summary>
/// A registry host[:port] as used in image references ("127.0.0.1:5000", "ghcr.io"). Loopback registries
/// are spoken to over plain HTTP, like the Docker engine does; everything else over HTTPS.
/// </summary>
public sealed record RegistryAddress
{
    public RegistryAddress(string hostAndPort)
    {
        var value = hostAndPort.Trim().TrimEnd('/');
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            value = new Uri(value).Authority;
        if (value.Length == 0 || value.Contains('/') || !Uri.TryCreate("http://" + value, UriKind.Absolute, out var uri))
            throw new ArgumentException($"'{hostAndPort}' is not a registry address; expected host[:port] such as 127.0.0.1:5000 or ghcr.io.");
        HostAndPort = value;
        Host = uri.Host;
        IsLoopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        // Docker Hub is named docker.io in image references but serves the API from registry-1.docker.io.
        var apiHost = value is "docker.io" or "index.docker.io" ? "registry-1.docker.io" : value;
        BaseUri = new Uri($"{(IsLoopback ? "http" : "https")}://{apiHost}/");
    }

    public string HostAndPort { get; }
    public string Host { get; }
    public bool IsLoopback { get; }
    public Uri BaseUri { get; }

    public static RegistryAddress Loopback(int port) => new($"127.0.0.1:{port}");

    public override string ToString() => HostAndPort;
}
