using System.Net.Sockets;
using Docker.DotNet;

namespace Containers;

/// <summary>
/// The one rule for reaching the Docker engine, used by the build, the tests and the benchmark alike:
/// <list type="bullet">
/// <item>endpoint as the docker CLI finds it: DOCKER_HOST, else the current docker context, else the local socket
/// (Docker.DotNet's <see cref="DockerClientBuilder"/> resolves it that way);</item>
/// <item>API version: DOCKER_API_VERSION wins; else the engine's own when it is older than the client library's;
/// never a newer one than the engine reports in /version;</item>
/// <item>one "not reachable" message that says what to do.</item>
/// </list>
/// </summary>
public static class DockerEngine
{
    public const string ApiVersionVariable = "DOCKER_API_VERSION";

    /// <summary>
    /// The newest API the library's models are known to describe (Engine v29 = API 1.52; Docker.DotNet.Enhanced 4.4.1
    /// follows v29.8). An engine at least this new gets the library's default (requests without a version prefix:
    /// the engine's own API); an older one gets its own version, so the library never asks for more than it has.
    /// </summary>
    internal static readonly Version LibraryApi = new(1, 52);

    /// <summary>The endpoint the rule picks (DOCKER_HOST, else the docker context, else the local socket).</summary>
    public static Uri Endpoint
    {
        get
        {
            using var probe = Create();
            return probe.Options.Endpoint;
        }
    }

    /// <summary>A client for the configured endpoint; <paramref name="apiVersion"/> null: the library's default.</summary>
    public static DockerClient Create(Version? apiVersion = null)
    {
        var builder = new DockerClientBuilder();
        return (apiVersion is null ? builder : builder.WithApiVersion(apiVersion)).Build();
    }

    /// <summary>
    /// The API version to ask for, given what the engine reports and the newest a library speaks: DOCKER_API_VERSION
    /// when set; else the engine's when it is older than the library's; else null (the library's default).
    /// </summary>
    public static Version? ChooseApiVersion(Version engineApi, Version? libraryApi) =>
        Environment.GetEnvironmentVariable(ApiVersionVariable) is { Length: > 0 } given && Version.TryParse(given, out var pinned) ? pinned
        : libraryApi is not null && engineApi < libraryApi ? engineApi
        : null;

    /// <summary>
    /// Asks the engine for its API version (GET /version without a version prefix, which any engine answers) and
    /// returns a client that speaks a version the engine supports (see <see cref="ChooseApiVersion"/>).
    /// Throws <see cref="EngineUnreachableException"/> when nothing answers.
    /// </summary>
    public static async Task<(IDockerClient Client, Version Api)> ConnectAsync(IDockerClient probe, CancellationToken ct = default)
    {
        string reported;
        try
        {
            reported = (await probe.System.GetVersionAsync(ct)).APIVersion;
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw Unreachable(probe.Options.Endpoint, e);
        }
        var engine = Version.TryParse(reported, out var v) ? v
            : throw new InvalidOperationException($"The engine at {probe.Options.Endpoint} reported API version '{reported}', which is not a version number.");
        var pinned = ChooseApiVersion(engine, LibraryApi);
        return pinned is null ? (probe, engine) : (Create(pinned), pinned);
    }

    /// <summary>True when nothing answered at the endpoint (no socket, refused, timed out), as opposed to an engine error.</summary>
    public static bool IsUnreachable(Exception e) =>
        e is EngineUnreachableException or HttpRequestException or TimeoutException || e.InnerException is SocketException or HttpRequestException;

    /// <summary>"Not reachable" worded with the fix.</summary>
    public static EngineUnreachableException Unreachable(Uri endpoint, Exception e)
    {
        if (e is EngineUnreachableException already) return already;
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
            : unixSocket ? "run `./build.sh Engine` (as root it installs and starts one), or start dockerd yourself, or set DOCKER_HOST to a running engine"
            : "check that dockerd listens there (dockerd -H tcp://...) or unset DOCKER_HOST to use the local socket";
        return new EngineUnreachableException($"Docker engine not reachable at {endpoint}: {reason}. To fix: {fix}.", e);
    }

    private static SocketError? FindSocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException s)
                return s.SocketErrorCode;
        return null;
    }
}

/// <summary>No Docker engine answered; the message names the endpoint, the reason and the fix.</summary>
public sealed class EngineUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
