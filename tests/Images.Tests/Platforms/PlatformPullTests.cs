using Containers;
using Docker.DotNet.Models;
using Images.Build;
using Images.Platforms;
using Publishing.Registry;

namespace Images.Tests.Platforms;

/// <summary>
/// On the real engine and a real registry: another platform's image is pulled under its own name and the host's tag keeps
/// pointing at the host's image (the engine keeps one image per tag); when the registry has none for that platform, the
/// caller hears why and nothing of the host's changes.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PlatformPullTests(BaseImagesFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _images = [];
    private LocalRegistryOptions? _registry;
    private string _repository = "";

    public async Task InitializeAsync()
    {
        var name = $"creditrobot-pull-test-{Guid.NewGuid():N}"[..36];
        _registry = new LocalRegistryOptions
        {
            Image = await TestImages.RegistryAsync(fixture.Docker),
            ContainerName = name, VolumeName = name, HostPort = null, Labels = Session.Labels,
        };
        _repository = $"{await LocalRegistry.EnsureAsync(fixture.Docker, _registry)}/runtime-deps";
    }

    /// <summary>A one-file image of <paramref name="platform"/> (FROM its empty root), tagged <paramref name="reference"/>.</summary>
    private async Task<string> ImageAsync(ImagePlatform platform, string reference)
    {
        var root = platform == ImagePlatform.LinuxArm64 ? await PlatformRoot.EnsureAsync(fixture.Docker, platform) : "scratch";
        var built = await ImageBuild.RunAsync(fixture.Docker, BuildContext.FromFiles([
            ContextFile.Text("Dockerfile", $"FROM {root}\nCOPY marker /marker\n"),
            ContextFile.Text("marker", $"{platform} {Guid.NewGuid()}"),
        ]), new ImageBuildParameters { Labels = new Dictionary<string, string> { [ProjectLabels.Name] = ProjectLabels.Value } }, null);
        await fixture.Docker.TagAsync(built.ImageId, reference);
        _images.Add(reference);
        return built.ImageId;
    }

    private async Task PushAsync(string reference)
    {
        string? error = null;
        await fixture.Docker.Images.PushImageAsync(reference, new ImagePushParameters(), new AuthConfig(),
            new InlineProgress<JSONMessage>(m => error ??= m.Error?.Message));
        error.Should().BeNull();
    }

    [Fact]
    public async Task The_other_platforms_image_is_pulled_under_its_own_name_and_the_hosts_tag_is_given_back()
    {
        var reference = $"{_repository}:multi";
        var arm64 = await ImageAsync(ImagePlatform.LinuxArm64, reference);
        await PushAsync(reference);
        var host = await ImageAsync(ImagePlatform.LinuxAmd64, reference); // the host's image now holds the tag, as after BaseImages
        await fixture.Docker.Images.DeleteImageAsync(arm64, new ImageDeleteParameters { Force = true });
        _images.Add(PlatformPull.LocalName(reference, ImagePlatform.LinuxArm64));

        var (id, failure) = await PlatformPull.TryAsync(fixture.Docker, reference, ImagePlatform.LinuxArm64, TimeSpan.FromSeconds(30));

        failure.Should().BeNull();
        id.Should().Be(arm64, "the registry served the very image pushed (same config digest)");
        (await fixture.Docker.Images.InspectImageAsync(PlatformPull.LocalName(reference, ImagePlatform.LinuxArm64))).Architecture.Should().Be("arm64");
        (await fixture.Docker.Images.InspectImageAsync(reference)).ID.Should().Be(host, "the host's builds keep the image they asked for");
        (await PlatformPull.TryAsync(fixture.Docker, reference, ImagePlatform.LinuxArm64, TimeSpan.FromSeconds(30))).Id.Should().Be(arm64,
            "a second call finds the kept image");
    }

    [Fact]
    public async Task A_registry_without_that_platform_or_that_image_says_why_and_the_hosts_tag_stays()
    {
        var hostOnly = $"{_repository}:host-only";
        var host = await ImageAsync(ImagePlatform.LinuxAmd64, hostOnly);
        await PushAsync(hostOnly);

        var (id, failure) = await PlatformPull.TryAsync(fixture.Docker, hostOnly, ImagePlatform.LinuxArm64, TimeSpan.FromSeconds(30));
        id.Should().BeNull();
        failure.Should().MatchRegex("pull for linux/arm64 failed|the registry served linux/amd64 for linux/arm64");
        (await fixture.Docker.Images.InspectImageAsync(hostOnly)).ID.Should().Be(host);

        var missing = await PlatformPull.TryAsync(fixture.Docker, $"{_repository}:no-such-tag", ImagePlatform.LinuxArm64, TimeSpan.FromSeconds(30));
        missing.Id.Should().BeNull();
        missing.Failure.Should().StartWith("pull for linux/arm64 failed (");
        (await fixture.Docker.TryInspectImageAsync($"{_repository}:no-such-tag")).Should().BeNull("a failed pull leaves no tag behind");
    }

    [Fact]
    public async Task A_reference_pinned_by_digest_is_not_pulled_for_another_platform()
    {
        var (id, failure) = await PlatformPull.TryAsync(fixture.Docker, $"{_repository}@sha256:{new string('a', 64)}", ImagePlatform.LinuxArm64, TimeSpan.FromSeconds(5));
        id.Should().BeNull();
        failure.Should().Be("pinned by digest, which names one platform's image");
    }

    public async Task DisposeAsync()
    {
        foreach (var image in _images)
            try { await fixture.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }); }
            catch (Docker.DotNet.DockerApiException) { }
        if (_registry is not null)
            await LocalRegistry.RemoveAsync(fixture.Docker, _registry);
    }
}
