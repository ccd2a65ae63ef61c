using System.Net.Sockets;

namespace DockerEngine.Internal;

/// <summary>Turns the engine's terse errors into "what failed, why, what to do" messages.</summary>
internal static class ErrorTranslator
{
    public static DockerEngineException FromEngine(string operation, int status, string engineMessage)
    {
        var (kind, hint) = Classify(status, engineMessage);
        return new DockerEngineException(kind, $"{operation} failed: {Describe(kind, engineMessage)}{hint}", status, engineMessage);
    }

    /// <summary>An error that arrived inside a JSON progress stream (pull, push, build) rather than as a status code.</summary>
    public static DockerEngineException FromStream(string operation, string engineMessage)
    {
        var (kind, hint) = Classify(500, engineMessage);
        return new DockerEngineException(kind, $"{operation} failed: {Describe(kind, engineMessage)}{hint}", null, engineMessage);
    }

    public static DockerEngineException Unreachable(DockerEndpoint endpoint, Exception e)
    {
        var socketError = FindSocketError(e);
        var reason = socketError switch
        {
            SocketError.AddressNotAvailable or SocketError.HostNotFound when endpoint.IsUnixSocket => "the socket file does not exist",
            SocketError.ConnectionRefused => "connection refused (nothing listens there)",
            SocketError.AccessDenied => "permission denied",
            SocketError.TimedOut => "the connection timed out",
            _ when e is OperationCanceledException => "the connection timed out",
            _ when endpoint.SocketPath is { } p && !File.Exists(p) => "the socket file does not exist",
            _ => (e.InnerException ?? e).Message,
        };
        var fix = socketError == SocketError.AccessDenied
            ? "run as root or add your user to the 'docker' group"
            : endpoint.IsUnixSocket
                ? "start it with `sudo dockerd > dockerd.log 2>&1 &` (or `sudo systemctl start docker`), or set DOCKER_HOST to a running engine"
                : "check that dockerd listens there (dockerd -H tcp://...) or unset DOCKER_HOST to use the local socket";
        return new DockerEngineException(DockerErrorKind.Unreachable,
            $"Docker engine not reachable at {endpoint}: {reason}. To fix: {fix}.", inner: e);
    }

    /// <summary>The "what to do" sentence for an engine message, or "" when there is nothing useful to add.</summary>
    public static string Hint(string engineMessage) => Classify(500, engineMessage).Hint;

    private static (DockerErrorKind Kind, string Hint) Classify(int status, string message)
    {
        if (Contains(message, "port is already allocated") || Contains(message, "address already in use"))
            return (DockerErrorKind.PortAllocated, ". Choose another host port, or leave the host port empty to get a free one.");
        if (Contains(message, "pull access denied") || Contains(message, "manifest unknown") ||
            Contains(message, "no such host") || Contains(message, "dial tcp") || Contains(message, "i/o timeout") ||
            Contains(message, "connection refused") || Contains(message, "unauthorized") || Contains(message, "denied: "))
            return (DockerErrorKind.Registry, ". The registry is unreachable or refused access: build the image locally, or check the registry address and credentials.");
        if (Contains(message, "No such image"))
            return (DockerErrorKind.NotFound, ". Build it locally or pull it first (`docker images` lists what exists).");
        if (Contains(message, "No such container") || Contains(message, "no such volume") ||
            (Contains(message, "network ") && Contains(message, " not found")))
            return (DockerErrorKind.NotFound, "");
        if (Contains(message, "Dockerfile parse error") || Contains(message, "unknown instruction") ||
            Contains(message, "Cannot locate specified Dockerfile"))
            return (DockerErrorKind.BuildFailed, ". Fix the Dockerfile.");
        return status switch
        {
            404 => (DockerErrorKind.NotFound, ""),
            // 403: e.g. removing a network that still has containers attached.
            409 or 403 => (DockerErrorKind.Conflict, ""),
            400 => (DockerErrorKind.BadRequest, ""),
            _ => (DockerErrorKind.Engine, ""),
        };
    }

    private static string Describe(DockerErrorKind kind, string message)
    {
        // "No such image: x:latest" / "No such container: abc" read better as "image 'x:latest' not found".
        var match = System.Text.RegularExpressions.Regex.Match(message, @"No such (image|container|network|volume):?\s*(\S+?):?(?:\s|$)",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return kind == DockerErrorKind.NotFound && match.Success
            ? $"{match.Groups[1].Value.ToLowerInvariant()} '{match.Groups[2].Value}' not found"
            : message;
    }

    private static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static SocketError? FindSocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException s)
                return s.SocketErrorCode;
        return null;
    }
}
