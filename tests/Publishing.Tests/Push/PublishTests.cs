using Containers;
using Docker.DotNet.Models;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Tests.Fixtures;

namespace Publishing.Tests.Push;

public sealed class OpenRegistryFixture : DockerFixture
{
    public TestRegistry Registry { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Registry = await TestRegistry.StartAsync(Docker);
    }

    public override async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>Pushing through the real engine to a real registry on 127.0.0.1, reading it back over the registry's API.</summary>
public sealed class PublishTests(OpenRegistryFixture fixture) : IClassFixture<OpenRegistryFixture>
{
    private readonly List<string> _log = [];

    private ImagePublisher Publisher() => new(fixture.Docker, line => { lock (_log) _log.Add(line); });

    private PublishRequest Request(string image, string repository, params string[] tags) =>
        new() { ImageId = image, Registry = fixture.Registry.Address, Repository = repository, Tags = tags };

    [Fact]
    public async Task Every_tag_is_pushed_and_reported_with_the_digest_the_registry_serves()
    {
        var image = await fixture.ImageAsync("readback");

        var result = await Publisher().PublishAsync(Request(image, "team/readback", "1.0.0", "sha-0123456789ab", "latest"));

        result.ImageId.Should().Be(image);
        result.References.Select(r => r.Reference).Should().Equal(
            $"{fixture.Registry.Address}/team/readback:1.0.0", $"{fixture.Registry.Address}/team/readback:sha-0123456789ab", $"{fixture.Registry.Address}/team/readback:latest");
        result.References.Should().OnlyContain(r => r.Pushed && r.Digest.StartsWith("sha256:"));
        result.References.Select(r => r.Digest).Distinct().Should().HaveCount(1, "one image, one manifest");

        using var registry = new RegistryClient(fixture.Registry.Address, null);
        var manifest = await registry.GetManifestAsync("team/readback", "latest");
        manifest!.Digest.Should().Be(result.References[0].Digest);
        manifest.ConfigDigest.Should().Be(image, "the config digest is the image id that was pushed, not a rebuild");
        var engineView = await fixture.Docker.Images.InspectImageAsync(image);
        engineView.RepoDigests.Should().Contain($"{fixture.Registry.Address}/team/readback@{manifest.Digest}");
        _log.Should().Contain(l => l.Contains($"team/readback:1.0.0@{manifest.Digest}"));
    }

    [Fact]
    public async Task Pushing_the_same_image_twice_is_a_no_op_that_says_so()
    {
        var image = await fixture.ImageAsync("twice");
        var first = await Publisher().PublishAsync(Request(image, "twice", "1.0.0", "latest"));
        _log.Clear();

        var second = await Publisher().PublishAsync(Request(image, "twice", "1.0.0", "latest"));

        first.NothingChanged.Should().BeFalse();
        second.NothingChanged.Should().BeTrue();
        second.References.Select(r => r.Digest).Should().Equal(first.References.Select(r => r.Digest));
        _log.Should().Contain(l => l.StartsWith("Nothing to push") && l.Contains("twice") && l.Contains("1.0.0, latest"));
        _log.Should().NotContain(l => l.StartsWith("Pushing"));
        first.Summary.Should().Be($"pushed 2 of 2 tag(s) to {fixture.Registry.Address}/twice @ {first.References[0].Digest[..19]}");
        second.Summary.Should().StartWith($"unchanged: {fixture.Registry.Address}/twice already has 2 tag(s)");
    }

    [Fact]
    public async Task A_new_image_moves_only_the_tags_that_point_elsewhere()
    {
        var old = await fixture.ImageAsync("move-old");
        var @new = await fixture.ImageAsync("move-new");
        await Publisher().PublishAsync(Request(old, "move", "1.0.0", "latest"));

        var result = await Publisher().PublishAsync(Request(@new, "move", "1.0.1", "latest"));

        result.References.Should().OnlyContain(r => r.Pushed);
        using var registry = new RegistryClient(fixture.Registry.Address, null);
        (await registry.GetManifestAsync("move", "latest"))!.ConfigDigest.Should().Be(@new);
        (await registry.GetManifestAsync("move", "1.0.0"))!.ConfigDigest.Should().Be(old);
    }

    [Fact]
    public async Task A_pushed_image_pulls_back_by_digest_and_runs()
    {
        var image = await fixture.ImageAsync("pull-proof");
        var published = (await Publisher().PublishAsync(Request(image, "proof", "1.0.0"))).References.Single();
        var proof = new PullProof(fixture.Docker, line => _log.Add(line));
        // Gone locally (every tag), so the image can only come back from the registry.
        await fixture.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true });
        (await fixture.Docker.TryInspectImageAsync(image)).Should().BeNull();

        var pulled = await proof.PullByDigestAsync(published);
        var run = await proof.RunOnceAsync(published.DigestReference);

        pulled.Should().Be(image);
        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("hello from the published image");
        var leftovers = await fixture.Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.creditrobot.role=pull-proof"] = true } },
        });
        leftovers.Should().BeEmpty("the run-once container is removed");
    }

    [Fact]
    public async Task A_pushed_server_image_counts_as_run_once_when_its_healthcheck_passes()
    {
        var image = await fixture.ImageAsync("server", server: true);
        var published = (await Publisher().PublishAsync(Request(image, "server", "1.0.0"))).References.Single();
        var proof = new PullProof(fixture.Docker);

        var run = await proof.RunOnceAsync(published.DigestReference, timeout: TimeSpan.FromSeconds(30));
        var oneShot = await proof.RunOnceAsync(published.DigestReference, ["sh", "-c", "echo broken >&2; exit 3"]);

        run.Healthy.Should().BeTrue("sleep keeps running and its HEALTHCHECK passes");
        run.Succeeded.Should().BeTrue();
        oneShot.Healthy.Should().BeFalse();
        oneShot.ExitCode.Should().Be(3);
        oneShot.Stderr.Should().Contain("broken");
    }

    [Fact]
    public async Task An_unreachable_registry_is_a_clear_error_naming_it()
    {
        var image = await fixture.ImageAsync("unreachable");
        var closed = ClosedPort();
        var request = Request(image, "nowhere", "1.0.0") with { Registry = RegistryAddress.Loopback(closed) };

        var act = () => Publisher().PublishAsync(request);

        var error = (await act.Should().ThrowAsync<RegistryException>()).Which;
        error.Kind.Should().Be(RegistryErrorKind.Unreachable);
        error.Message.Should().Contain($"Registry 127.0.0.1:{closed} is not reachable").And.Contain("connection refused").And.Contain("--registry");
    }

    [Fact]
    public async Task Invalid_repository_names_and_tags_are_rejected_before_anything_happens()
    {
        var act = () => Publisher().PublishAsync(Request("sha256:0000", "Team/App", "1.0.0"));
        var badTag = () => Publisher().PublishAsync(Request("sha256:0000", "app", "1.0.0+abc"));

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*'Team/App' is not a valid repository name*");
        await badTag.Should().ThrowAsync<ArgumentException>().WithMessage("*'1.0.0+abc' is not a valid Docker tag*no '+'*");
    }

    /// <summary>A 127.0.0.1 port that was free a moment ago and has nothing listening now.</summary>
    internal static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
