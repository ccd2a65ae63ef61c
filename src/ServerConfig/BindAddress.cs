using System.Net;

namespace ServerConfig;

/// <summary>HOST:PORT as Gunicorn's <c>bind</c>. Host is an IP address or <c>localhost</c>; port 0 means any free port.</summary>
public sealed record BindAddress(string Host, int Port)
{
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The address to connect to from this machine (used by --healthcheck): wildcards become loopback.</summary>
    public string LocalHost => Host switch
    {
        "0.0.0.0" => "127.0.0.1",
        "::" => "::1",
        _ => Host,
    };

    public bool IsIPv6 => Host.Contains(':');

    public IPAddress? Address => Host == "localhost" ? null : IPAddress.Parse(Host);
}
