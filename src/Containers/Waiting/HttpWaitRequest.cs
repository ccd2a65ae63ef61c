using System.Collections.Immutable;
using System.Net;

namespace Containers.Waiting;

/// <summary>What an HTTP readiness request looks like and which answers count as ready. Immutable.</summary>
public sealed record HttpWaitRequest
{
    public string Path { get; init; } = "/";
    public int? Port { get; init; }
    public HttpMethod Method { get; init; } = HttpMethod.Get;
    public ImmutableHashSet<int> StatusCodes { get; init; } = [];
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public HttpWaitRequest ForPath(string path) => this with { Path = path.StartsWith('/') ? path : "/" + path };

    /// <summary>The container port; default: the container's first published port.</summary>
    public HttpWaitRequest ForPort(int containerPort) => this with { Port = containerPort };

    /// <summary>Accepted status (may be called repeatedly). None given: 200 only.</summary>
    public HttpWaitRequest ForStatusCode(HttpStatusCode status) => ForStatusCode((int)status);

    public HttpWaitRequest ForStatusCode(int status) => this with { StatusCodes = StatusCodes.Add(status) };

    public HttpWaitRequest WithMethod(HttpMethod method) => this with { Method = method };

    public HttpWaitRequest WithRequestTimeout(TimeSpan timeout) => this with { RequestTimeout = timeout };

    internal IReadOnlySet<int> AcceptedStatusCodes => StatusCodes.IsEmpty ? new HashSet<int> { 200 } : StatusCodes;
}
