using System.Net.Sockets;
using Docker.DotNet;

namespace Images;

/// <summary>
/// The Docker.DotNet client for the engine the docker CLI would use (DOCKER_HOST, else the current context, else
/// the local socket), speaking an Engine API version the engine supports.
/// </summary>
public static class Engine
{
    /// <summary>
    /// The API the library's models describe (Docker.DotNet.Enhanced 4.3.3 = Engine v29.4 = API 1.52). An engine at
    /// least this new gets the library's default (requests without a version prefix: the engine's own API).
    /// </summary>
    internal static readonly Version LibraryApi = new(1, 52);

    /// <summary>A client for the configured endpoint; <paramref name="apiVersion"/> null: the library's default.</summary>
    public static IDockerClient Create(Version? apiVersion = null)
    {
        var builder = new DockerClientBuilder();
        return (apiVersion is null ? builder : builder.WithApiVersion(apiVersion)).Build();
    }

    /// <summary>
    /// Asks the engine for its API version (GET /version without a version prefix, which any engine answers) and
    /// returns a client pinned to it when the engine is older than the library: it never asks for a newer API
    /// than the engine reports. DOCKER_API_VERSION, as for the docker CLI, overrides.
    /// </summary>
    public static async Task<(IDockerClient Client, Version Api)> ConnectAsync(IDockerClient probe, CancellationToken ct = default)
    {
        var reported = (await probe.System.GetVersionAsync(ct)).APIVersion;
        var engine = Version.TryParse(reported, out var v) ? v
            : throw new ImagesException($"The engine at {probe.Options.Endpoint} reported API version '{reported}', which is not a version number.");
        var pinned = Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is { Length: > 0 } env && Version.TryParse(env, out var e) ? e
            : engine < LibraryApi ? engine : null;
        return pinned is null ? (probe, engine) : (Create(pinned), pinned);
    }

    /// <summary>True when nothing answered at the endpoint (no socket, refused, timed out), as opposed to an engine error.</summary>
    public static bool IsUnreachable(Exception e) =>
        e is HttpRequestException or TimeoutException || e.InnerException is SocketException or HttpRequestException;

    /// <summary>"Not reachable" worded with the fix, as the build prints it.</summary>
    public static ImagesException Unreachable(Uri endpoint, Exception e)
    {
        var socket = FindSocketError(e);
        var unixSocket = endpoint.Scheme == "unix";
        var reason = socket switch
        {
            SocketError.ConnectionRefused => "connection refused (nothing listens there)",
            SocketError.AccessDenied => "permission denied",
            SocketError.TimedOut => "the connection timed out",
            _ when unixSocket && !File.Exists(endpoint.LocalPath) => "the socket file does not exist",
            _ => (e.InnerException ?? e).Message,
        };
        var fix = socket == SocketError.AccessDenied ? "run as root or add your user to the 'docker' group"
            : unixSocket ? "start it with `sudo dockerd > dockerd.log 2>&1 &` (or `sudo systemctl start docker`), or set DOCKER_HOST to a running engine"
            : "check that dockerd listens there (dockerd -H tcp://...) or unset DOCKER_HOST to use the local socket";
        return new ImagesException($"Docker engine not reachable at {endpoint}: {reason}. To fix: {fix}.", e);
    }

    private static SocketError? FindSocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException s)
                return s.SocketErrorCode;
        return null;
    }

    /// <summary>An image or container id as the docker CLI prints it (12 hex digits); a name stays as it is.</summary>
    public static string ShortId(string id)
    {
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length == 64 ? hex[..12] : id;
    }

    /// <summary>Inspects an image; null when the engine has no image of that name or id.</summary>
    public static async Task<Docker.DotNet.Models.ImageInspectResponse?> TryInspectImageAsync(this IDockerClient docker, string image,
        CancellationToken ct = default)
    {
        try { return await docker.Images.InspectImageAsync(image, ct); }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }
}
