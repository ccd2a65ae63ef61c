namespace DockerEngine;

/// <summary>Where the engine listens: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:port</c>.</summary>
public sealed record DockerEndpoint
{
    public const string DefaultUnixSocket = "/var/run/docker.sock";

    private DockerEndpoint(Uri uri) => Uri = uri;

    public Uri Uri { get; }

    public bool IsUnixSocket => Uri.Scheme == "unix";

    /// <summary>The socket file for <c>unix://</c> endpoints, else null.</summary>
    public string? SocketPath => IsUnixSocket ? Uri.LocalPath : null;

    public static DockerEndpoint Default { get; } = UnixSocket(DefaultUnixSocket);

    public static DockerEndpoint UnixSocket(string path) =>
        new(new Uri("unix://" + Path.GetFullPath(path)));

    /// <summary><c>DOCKER_HOST</c> when set, else the default unix socket (what the docker CLI does).</summary>
    public static DockerEndpoint FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(host) ? Default : Parse(host);
    }

    /// <summary>Parses <c>unix:///path</c>, <c>tcp://host:port</c> (or <c>http://</c>), or a bare socket path.</summary>
    public static DockerEndpoint Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        value = value.Trim();
        if (value.StartsWith('/'))
            return UnixSocket(value);
        if (value.StartsWith("unix://", StringComparison.OrdinalIgnoreCase))
            return UnixSocket(value["unix://".Length..]);
        if (value.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
            if (Uri.TryCreate("tcp://" + rest, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
                return new DockerEndpoint(new Uri($"tcp://{uri.Host}:{(uri.Port > 0 ? uri.Port : 2375)}"));
        }
        throw new ArgumentException(
            $"Unsupported Docker endpoint '{value}': use unix:///var/run/docker.sock or tcp://host:2375 " +
            "(TLS endpoints, ssh:// and npipe:// are not supported).", nameof(value));
    }

    public override string ToString() => IsUnixSocket ? "unix://" + SocketPath : $"tcp://{Uri.Host}:{Uri.Port}";
}
