using System.Net;
using System.Text;
using Publishing.Registry;

namespace Publishing.Tests.Registry;

/// <summary>
/// The token flow of hosted registries (Docker Hub, ghcr.io): 401 with a Bearer challenge, login at the realm,
/// retry with the token. No such registry is reachable here, so a small HTTP server on 127.0.0.1 speaks the
/// protocol (the htpasswd registry in RegistryAuthTests covers Basic auth for real).
/// </summary>
public sealed class BearerTokenAuthTests : IAsyncLifetime
{
    private static readonly string ManifestBody =
        $$$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"digest":"{{{Config}}}"}}""";

    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Config = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private readonly HttpListener _listener = new();
    private readonly List<string> _tokenRequests = [];
    private int _port;
    private string? _realm; // null: the registry's own host and port
    private Task _serving = Task.CompletedTask;

    public Task InitializeAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            _port = Random.Shared.Next(20000, 60000);
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 10) { }
        }
        _serving = Task.Run(ServeAsync);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        try { await _serving; } catch (HttpListenerException) { } catch (ObjectDisposedException) { }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            var request = context.Request;
            var response = context.Response;
            var auth = request.Headers["Authorization"] ?? "";
            var path = request.Url!.AbsolutePath;
            if (path == "/token")
            {
                lock (_tokenRequests) _tokenRequests.Add(request.Url.Query);
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("me:right-password"));
                await Reply(response, auth == expected ? 200 : 401, auth == expected ? """{"token":"t0k3n"}""" : "{}");
            }
            else if (auth != "Bearer t0k3n")
            {
                response.AddHeader("WWW-Authenticate", $"Bearer realm=\"{_realm ?? $"http://127.0.0.1:{_port}/token"}\",service=\"test-registry\"");
                await Reply(response, 401, """{"errors":[{"code":"UNAUTHORIZED"}]}""");
            }
            else if (path == "/v2/") await Reply(response, 200, "{}");
            else if (path == "/v2/team/app/manifests/1.0.0")
            {
                response.AddHeader("Docker-Content-Digest", Digest);
                await Reply(response, 200, ManifestBody);
            }
            else await Reply(response, 404, """{"errors":[{"code":"MANIFEST_UNKNOWN"}]}""");
        }
    }

    private static async Task Reply(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body);
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    [Fact]
    public async Task A_token_is_fetched_with_the_login_and_the_scope_of_the_repository()
    {
        using var client = new RegistryClient(RegistryAddress.Loopback(_port), new RegistryCredentials("me", "right-password"));

        await client.CheckAccessAsync();
        var manifest = await client.GetManifestAsync("team/app", "1.0.0");
        var missing = await client.GetManifestAsync("team/app", "9.9.9");

        manifest.Should().Be(new ManifestInfo(Digest, "application/vnd.docker.distribution.manifest.v2+json", Config) { Size = ManifestBody.Length },
            "the size is the served body's, as an index's descriptor needs it");
        missing.Should().BeNull();
        _tokenRequests.Should().Contain(q => q.Contains("service=test-registry"));
    }

    [Fact]
    public async Task A_rejected_login_at_the_token_service_names_the_registry_and_the_user()
    {
        using var client = new RegistryClient(RegistryAddress.Loopback(_port), new RegistryCredentials("me", "wrong-password"));

        var act = () => client.CheckAccessAsync();

        var error = (await act.Should().ThrowAsync<RegistryException>()).Which;
        error.Kind.Should().Be(RegistryErrorKind.Unauthorized);
        error.Message.Should().Contain($"Registry 127.0.0.1:{_port} rejected the credentials of user 'me' at its token service").And.NotContain("wrong-password");
    }

    [Theory]
    [InlineData("http://auth.example.invalid/token")]
    [InlineData("http://127.0.0.2:{port}/token")]
    public async Task A_plain_http_token_service_on_another_host_never_gets_the_login(string realm)
    {
        _realm = realm.Replace("{port}", _port.ToString());
        using var client = new RegistryClient(RegistryAddress.Loopback(_port), new RegistryCredentials("me", "right-password"));

        var act = () => client.CheckAccessAsync();

        var error = (await act.Should().ThrowAsync<RegistryException>()).Which;
        error.Kind.Should().Be(RegistryErrorKind.Protocol);
        error.Message.Should().Contain($"asks for the login to be sent to {_realm} over plain http").And.Contain("none were sent")
            .And.NotContain("right-password");
        _tokenRequests.Should().BeEmpty();
    }
}
