namespace DockerEngine.Tests;

public sealed class EngineTests
{
    [Fact]
    public async Task Ping_negotiates_a_version_no_newer_than_the_engine()
    {
        using var docker = new DockerClient();
        docker.ApiVersion.Should().BeNull("nothing was negotiated before the first call");

        var ping = await docker.PingAsync();

        ping.NegotiatedVersion.Should().BeLessThanOrEqualTo(ping.EngineVersion);
        ping.NegotiatedVersion.Should().BeLessThanOrEqualTo(ApiVersion.MaxSupported);
        ping.NegotiatedVersion.Should().Be(ApiVersion.Negotiate(ping.EngineVersion));
        docker.ApiVersion.Should().Be(ping.NegotiatedVersion);
        ping.OsType.Should().Be("linux");
    }

    [Fact]
    public async Task Version_reports_the_engine_api_range()
    {
        using var docker = new DockerClient();

        var version = await docker.VersionAsync();

        version.Version.Should().NotBeNullOrEmpty();
        ApiVersion.Parse(version.ApiVersion).Should().BeGreaterThanOrEqualTo(ApiVersion.Parse(version.MinAPIVersion));
        docker.ApiVersion.Should().NotBeNull("the first call negotiates the version itself");
    }

    [Fact]
    public async Task A_pinned_version_is_used_without_negotiation()
    {
        using var docker = new DockerClient(new DockerClientOptions { ApiVersion = "1.40" });

        var version = await docker.VersionAsync();

        version.Os.Should().Be("linux");
        docker.ApiVersion.Should().Be(new ApiVersion(1, 40));
    }

    [Fact]
    public async Task An_engine_at_a_missing_socket_fails_with_how_to_start_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-docker-{Guid.NewGuid():N}.sock");
        using var docker = new DockerClient(DockerEndpoint.UnixSocket(path));

        var act = () => docker.PingAsync();

        var error = (await act.Should().ThrowAsync<DockerEngineException>()).Which;
        error.Kind.Should().Be(DockerErrorKind.Unreachable);
        error.StatusCode.Should().BeNull();
        error.Message.Should().Contain($"not reachable at unix://{path}").And.Contain("does not exist").And.Contain("dockerd");
    }

    [Fact]
    public async Task A_tcp_endpoint_where_nothing_listens_is_unreachable()
    {
        using var docker = new DockerClient(DockerEndpoint.Parse("tcp://127.0.0.1:1"));

        var act = () => docker.VersionAsync();

        var error = (await act.Should().ThrowAsync<DockerEngineException>()).Which;
        error.Kind.Should().Be(DockerErrorKind.Unreachable);
        error.Message.Should().Contain("tcp://127.0.0.1:1").And.Contain("refused");
    }

    [Theory]
    [InlineData("unix:///var/run/docker.sock", "unix:///var/run/docker.sock")]
    [InlineData("/tmp/d.sock", "unix:///tmp/d.sock")]
    [InlineData("tcp://127.0.0.1:2375", "tcp://127.0.0.1:2375")]
    [InlineData("tcp://localhost", "tcp://localhost:2375")]
    public void Endpoints_parse_like_DOCKER_HOST(string value, string expected) =>
        DockerEndpoint.Parse(value).ToString().Should().Be(expected);

    [Fact]
    public void Unsupported_endpoints_say_what_is_supported() =>
        FluentActions.Invoking(() => DockerEndpoint.Parse("ssh://me@host")).Should().Throw<ArgumentException>()
            .WithMessage("*unix:///var/run/docker.sock or tcp://host:2375*");

    [Theory]
    [InlineData("1.41", "1.45", "1.41")]
    [InlineData("1.47", "1.45", "1.45")]
    [InlineData("1.9", "1.45", "1.9")]
    public void Negotiation_never_exceeds_the_engine(string engine, string max, string expected)
    {
        ApiVersion.MaxSupported.ToString().Should().Be(max);
        ApiVersion.Negotiate(ApiVersion.Parse(engine)).ToString().Should().Be(expected);
    }
}
