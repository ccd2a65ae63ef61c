using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace DockerEngine.Internal;

/// <summary>
/// HTTP to the engine over a unix socket or TCP. Prefixes every path with the negotiated "/v1.xx" and turns
/// engine errors into <see cref="DockerEngineException"/>s a user can act on.
/// </summary>
internal sealed class DockerTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private ApiVersion? _version;

    public DockerTransport(DockerEndpoint endpoint, ApiVersion? pinnedVersion, TimeSpan connectTimeout)
    {
        Endpoint = endpoint;
        _version = pinnedVersion;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            // Streams (logs, build output) stay open for minutes; idle pooled connections are cheap to redo.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        if (endpoint.SocketPath is { } socketPath)
            handler.ConnectCallback = (_, ct) => ConnectUnixAsync(socketPath, ct);
        _http = new HttpClient(handler)
        {
            BaseAddress = endpoint.IsUnixSocket ? new Uri("http://docker/") : new Uri($"http://{endpoint.Uri.Host}:{endpoint.Uri.Port}/"),
            // Builds and followed logs run as long as they run; callers bound them with their CancellationToken.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public DockerEndpoint Endpoint { get; }

    /// <summary>The negotiated version, or null before the first call.</summary>
    public ApiVersion? Version => _version;

    public async Task<PingResult> PingAsync(CancellationToken ct)
    {
        using var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, "_ping"), HttpCompletionOption.ResponseContentRead, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw Translate("Ping the engine", response.StatusCode, DockerJson.ErrorMessage(body));
        var engine = ApiVersion.TryParse(Header(response, "API-Version"), out var v) ? v : ApiVersion.Fallback;
        _version ??= ApiVersion.Negotiate(engine);
        return new PingResult(engine, _version.Value, Header(response, "OSType"),
            string.Equals(Header(response, "Docker-Experimental"), "true", StringComparison.OrdinalIgnoreCase),
            Header(response, "Builder-Version"));
    }

    /// <summary>Sends a versioned request; non-2xx becomes a <see cref="DockerEngineException"/> describing <paramref name="operation"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string operation,
        HttpContent? content = null, IReadOnlyDictionary<string, string>? headers = null,
        bool streamResponse = false, CancellationToken ct = default)
    {
        var version = await EnsureVersionAsync(ct);
        var request = new HttpRequestMessage(method, $"v{version}{path}") { Content = content };
        if (headers is not null)
            foreach (var (name, value) in headers)
                request.Headers.TryAddWithoutValidation(name, value);
        var response = await SendRawAsync(request,
            streamResponse ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, ct);
        // 304 is the engine's "already in that state" (start a running container, stop a stopped one): not an error.
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
            return response;
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw Translate(operation, response.StatusCode, DockerJson.ErrorMessage(body));
        }
    }

    public async Task<T> GetJsonAsync<T>(string path, string operation, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, operation, ct: ct);
        return DockerJson.Deserialize<T>(await response.Content.ReadAsStringAsync(ct));
    }

    public async Task<T> PostJsonAsync<T>(string path, string operation, object? body, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, path, operation, JsonContent(body), ct: ct);
        return DockerJson.Deserialize<T>(await response.Content.ReadAsStringAsync(ct));
    }

    public async Task SendAndDrainAsync(HttpMethod method, string path, string operation, object? body, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, operation, body is null ? null : JsonContent(body), ct: ct);
    }

    /// <summary>Escapes a name or id for a path segment, keeping '/' and ':' of image references readable to the engine's router.</summary>
    public static string Segment(string value) =>
        Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal).Replace("%3A", ":", StringComparison.Ordinal);

    public static HttpContent JsonContent(object? body)
    {
        var content = new StringContent(body is null ? "{}" : DockerJson.Serialize(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public DockerEngineException Translate(string operation, HttpStatusCode status, string engineMessage) =>
        ErrorTranslator.FromEngine(operation, (int)status, engineMessage);

    private async Task<ApiVersion> EnsureVersionAsync(CancellationToken ct)
    {
        if (_version is { } known)
            return known;
        await _negotiation.WaitAsync(ct);
        try
        {
            if (_version is null)
                await PingAsync(ct);
            return _version!.Value;
        }
        finally
        {
            _negotiation.Release();
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, completion, ct);
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                                                   || e.InnerException is SocketException)
            {
                throw ErrorTranslator.Unreachable(Endpoint, e);
            }
            catch (HttpRequestException e)
            {
                // Reached the engine but the exchange broke: e.g. a context file could not be read while uploading,
                // or the engine closed the connection. Say what broke instead of claiming the engine is down.
                var cause = e.InnerException?.GetBaseException().Message ?? e.Message;
                var path = request.RequestUri?.OriginalString.Split('?')[0]; // the query may hold build args
                throw new DockerEngineException(DockerErrorKind.Engine,
                    $"{request.Method} /{path} to the engine at {Endpoint} failed: {cause}", inner: e);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                // SocketsHttpHandler.ConnectTimeout surfaces as a cancellation the caller did not ask for.
                throw ErrorTranslator.Unreachable(Endpoint, e);
            }
        }
    }

    private static async ValueTask<Stream> ConnectUnixAsync(string socketPath, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose()
    {
        _http.Dispose();
        _negotiation.Dispose();
    }
}
