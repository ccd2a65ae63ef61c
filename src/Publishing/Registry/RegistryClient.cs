using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Publishing.Registry;

/// <summary>
/// The registry's own HTTP API (distribution v2), for what the Engine API cannot tell us: is the registry
/// there, do the credentials work, and which manifest/digest a tag points at. Basic and bearer-token auth.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.index.v1+json",
    ];

    private readonly HttpClient _http;
    private readonly RegistryCredentials? _credentials;
    private AuthenticationHeaderValue? _authorization;

    public RegistryClient(RegistryAddress address, RegistryCredentials? credentials, TimeSpan? timeout = null)
    {
        Address = address;
        _credentials = credentials;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false })
        {
            BaseAddress = address.BaseUri,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
    }

    public RegistryAddress Address { get; }

    /// <summary><c>GET /v2/</c>: throws <see cref="RegistryException"/> when unreachable, not a registry, or the credentials fail.</summary>
    public async Task CheckAccessAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "v2/", scope: null, accept: null, ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new RegistryException(RegistryErrorKind.Protocol, Address.HostAndPort,
                $"Registry {Address} answered GET {Address.BaseUri}v2/ with HTTP {(int)response.StatusCode}; a v2 registry answers 200. Is {Address} really a container registry?");
    }

    /// <summary>The manifest a tag (or digest) points at, or null when the repository or tag does not exist.</summary>
    public async Task<ManifestInfo?> GetManifestAsync(string repository, string reference, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v2/{repository}/manifests/{reference}", $"repository:{repository}:pull", ManifestTypes, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new RegistryException(RegistryErrorKind.Protocol, Address.HostAndPort,
                $"Registry {Address}: reading manifest {repository}:{reference} failed with HTTP {(int)response.StatusCode}: {Shorten(body)}");
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (digest is null)
            throw new RegistryException(RegistryErrorKind.Protocol, Address.HostAndPort,
                $"Registry {Address} returned manifest {repository}:{reference} without a Docker-Content-Digest header.");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var mediaType = root.TryGetProperty("mediaType", out var m) ? m.GetString() : response.Content.Headers.ContentType?.MediaType;
        var config = root.TryGetProperty("config", out var c) && c.TryGetProperty("digest", out var d) ? d.GetString() : null;
        return new ManifestInfo(digest, mediaType ?? "unknown", config) { Size = System.Text.Encoding.UTF8.GetByteCount(body) };
    }

    /// <summary>
    /// <c>PUT /v2/&lt;repository&gt;/manifests/&lt;reference&gt;</c> (a manifest or an index whose referenced manifests the
    /// registry already has); returns the digest the registry computed, which must equal the body's SHA-256.
    /// </summary>
    public async Task<string> PutManifestAsync(string repository, string reference, string mediaType, byte[] body, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Put, $"v2/{repository}/manifests/{reference}", $"repository:{repository}:pull,push", null, ct,
            () => Bytes(body, mediaType));
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : expected;
        if (response.StatusCode != HttpStatusCode.Created || digest != expected)
            throw new RegistryException(RegistryErrorKind.PushFailed, Address.HostAndPort,
                $"Registry {Address}: putting {mediaType} {repository}:{reference} answered HTTP {(int)response.StatusCode} (digest {digest}, " +
                $"expected {expected}): {Shorten(await response.Content.ReadAsStringAsync(ct))}");
        return digest;
    }

    /// <summary>
    /// Uploads <paramref name="content"/> as a blob unless the repository has it (HEAD first): POST an upload, then one
    /// monolithic PUT with its digest. Returns the digest (sha256:…).
    /// </summary>
    public async Task<string> PushBlobAsync(string repository, byte[] content, CancellationToken ct = default)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var scope = $"repository:{repository}:pull,push";
        using (var head = await SendAsync(HttpMethod.Head, $"v2/{repository}/blobs/{digest}", scope, null, ct))
            if (head.StatusCode == HttpStatusCode.OK) return digest;
        using var start = await SendAsync(HttpMethod.Post, $"v2/{repository}/blobs/uploads/", scope, null, ct);
        if (start.StatusCode != HttpStatusCode.Accepted || start.Headers.Location is not { } location)
            throw Failed($"starting a blob upload to {repository}", start, await start.Content.ReadAsStringAsync(ct));
        var upload = location.ToString();
        upload += (upload.Contains('?') ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest);
        using var put = await SendAsync(HttpMethod.Put, upload, scope, null, ct, () => Bytes(content, "application/octet-stream"));
        if (put.StatusCode != HttpStatusCode.Created)
            throw Failed($"uploading blob {digest} to {repository}", put, await put.Content.ReadAsStringAsync(ct));
        return digest;
    }

    /// <summary>The raw bytes of a manifest (as stored: its digest is theirs) or a blob; null when the registry has none.</summary>
    public async Task<byte[]?> GetRawAsync(string repository, string kind, string reference, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v2/{repository}/{kind}/{reference}", $"repository:{repository}:pull",
            kind == "manifests" ? ManifestTypes : null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw Failed($"reading {kind[..^1]} {repository}:{reference}", response, System.Text.Encoding.UTF8.GetString(body));
        return body;
    }

    private static ByteArrayContent Bytes(byte[] content, string mediaType) =>
        new(content) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } };

    private RegistryException Failed(string what, HttpResponseMessage response, string body) =>
        new(RegistryErrorKind.Protocol, Address.HostAndPort, $"Registry {Address}: {what} failed with HTTP {(int)response.StatusCode}: {Shorten(body)}");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? scope, string[]? accept, CancellationToken ct,
        Func<HttpContent>? content = null)
    {
        var response = await SendOnceAsync(method, path, accept, ct, content);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        if (_credentials is null)
            throw Unauthorized("requires a login and no credentials were given: set --registry-username and --registry-password (REGISTRY_USERNAME / REGISTRY_PASSWORD).");
        _authorization = await AuthorizeAsync(challenge, scope, ct);
        response = await SendOnceAsync(method, path, accept, ct, content);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw Unauthorized($"rejected the credentials of user '{_credentials.Username}' (HTTP 401). Check REGISTRY_USERNAME / REGISTRY_PASSWORD.");
        }
        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, string[]? accept, CancellationToken ct,
        Func<HttpContent>? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content?.Invoke() };
        if (accept is not null)
            foreach (var type in accept) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        request.Headers.Authorization = _authorization;
        try
        {
            return await _http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new RegistryException(RegistryErrorKind.Unreachable, Address.HostAndPort,
                $"Registry {Address} is not reachable ({Reason(e)} at {Address.BaseUri}v2/). " +
                $"Check the --registry address, or leave --registry empty to use the local registry on 127.0.0.1:5000.", e);
        }
    }

    private async Task<AuthenticationHeaderValue> AuthorizeAsync(AuthenticationHeaderValue? challenge, string? scope, CancellationToken ct)
    {
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return new AuthenticationHeaderValue("Basic", _credentials!.ToBasicAuth());
        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            throw new RegistryException(RegistryErrorKind.Protocol, Address.HostAndPort, $"Registry {Address} asks for '{challenge.Scheme}' authentication; only Basic and Bearer are supported.");

        // Token auth (Docker Hub, ghcr.io, …): trade the login for a token at the realm the challenge names.
        var parameters = ParseChallenge(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm))
            throw new RegistryException(RegistryErrorKind.Protocol, Address.HostAndPort, $"Registry {Address} sent a Bearer challenge without a realm.");
        var realmUri = TokenRealm(realm);
        var query = new List<string>();
        if (parameters.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
        if ((scope ?? parameters.GetValueOrDefault("scope")) is { } s) query.Add("scope=" + Uri.EscapeDataString(s));
        using var request = new HttpRequestMessage(HttpMethod.Get, realmUri + (query.Count > 0 ? (realmUri.Query.Length > 0 ? "&" : "?") + string.Join('&', query) : ""));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _credentials!.ToBasicAuth());
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw Unauthorized($"rejected the credentials of user '{_credentials.Username}' at its token service (HTTP {(int)response.StatusCode}). Check REGISTRY_USERNAME / REGISTRY_PASSWORD.");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var token = json.RootElement.TryGetProperty("token", out var t) ? t.GetString()
            : json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        return new AuthenticationHeaderValue("Bearer", token ?? throw new RegistryException(RegistryErrorKind.Protocol, Address.HostAndPort, $"Registry {Address}'s token service returned no token."));
    }

    /// <summary>
    /// Where the login may be sent: a token service over https, or over plain http only the registry's own host when the
    /// registry itself is plain-http on loopback. Anything else would hand the password to whoever the challenge names.
    /// </summary>
    internal Uri TokenRealm(string realm)
    {
        if (!Uri.TryCreate(realm, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new RegistryException(RegistryErrorKind.Protocol, Address.HostAndPort,
                $"Registry {Address} names '{realm}' as its token service; that is not an http(s) URL, so no credentials were sent.");
        var sameLoopbackHost = Address.BaseUri.Scheme == Uri.UriSchemeHttp && uri.Authority.Equals(Address.BaseUri.Authority, StringComparison.OrdinalIgnoreCase);
        if (uri.Scheme == Uri.UriSchemeHttp && !sameLoopbackHost)
            throw new RegistryException(RegistryErrorKind.Protocol, Address.HostAndPort,
                $"Registry {Address} asks for the login to be sent to {uri.GetLeftPart(UriPartial.Path)} over plain http; credentials go only to " +
                "an https token service (or to a plain-http registry's own host on loopback), so none were sent. Fix the registry's token realm.");
        return uri;
    }

    private RegistryException Unauthorized(string what) =>
        new(RegistryErrorKind.Unauthorized, Address.HostAndPort, $"Registry {Address} {what}");

    private static Dictionary<string, string> ParseChallenge(string parameter) =>
        System.Text.RegularExpressions.Regex.Matches(parameter, "(\\w+)=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.OrdinalIgnoreCase);

    private static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is System.Net.Sockets.SocketException s)
                return s.SocketErrorCode switch
                {
                    System.Net.Sockets.SocketError.ConnectionRefused => "connection refused: nothing listens there",
                    System.Net.Sockets.SocketError.HostNotFound => "no such host",
                    System.Net.Sockets.SocketError.TimedOut => "connection timed out",
                    _ => s.Message,
                };
        return e is TaskCanceledException ? "timed out" : e.Message;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose() => _http.Dispose();
}
