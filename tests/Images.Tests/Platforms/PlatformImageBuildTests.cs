using Containers;
using Docker.DotNet.Models;
using Images.Build;
using Images.Platforms;

namespace Images.Tests.Platforms;

/// <summary>
/// On the real engine: the empty platform root loads as that platform, a classic-builder stage FROM it keeps the
/// platform (what the arm64 runtime base and app image rely on), and the platform check reads config and ELF header.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PlatformImageBuildTests(BaseImagesFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _images = [];

    /// <summary>An image FROM <paramref name="baseImage"/> whose entrypoint /app/bin starts with an ELF header for <paramref name="machine"/>.</summary>
    private async Task<ImageInspectResponse> BuildAsync(string baseImage, ushort machine)
    {
        var tag = $"creditrobot-platform-test:{Guid.NewGuid():N}";
        _images.Add(tag);
        var context = BuildContext.FromFiles([
            ContextFile.Text("Dockerfile", "ARG BASE\nFROM ${BASE}\nCOPY bin /app/bin\nUSER 1654\nENTRYPOINT [\"/app/bin\"]\n"),
            new ContextFile("bin", [.. ElfHeaderTests.Header(machine), .. new byte[64]], ContextFile.Executable),
        ]);
        var built = await ImageBuild.RunAsync(fixture.Docker, context, new ImageBuildParameters
        {
            Tags = [tag],
            BuildArgs = new Dictionary<string, string> { ["BASE"] = baseImage },
            Labels = new Dictionary<string, string> { [ProjectLabels.Name] = ProjectLabels.Value },
        }, null);
        return await fixture.Docker.Images.InspectImageAsync(built.ImageId);
    }

    [Fact]
    public async Task The_arm64_root_loads_with_a_fixed_id_and_a_stage_from_it_stays_arm64()
    {
        var tag = await PlatformRoot.EnsureAsync(fixture.Docker, ImagePlatform.LinuxArm64);
        var root = await fixture.Docker.Images.InspectImageAsync(tag);
        root.Should().BeEquivalentTo(new { Architecture = "arm64", Os = "linux" }, o => o.ExcludingMissingMembers());
        root.RootFS.Layers.Should().BeNullOrEmpty();
        (await PlatformRoot.EnsureAsync(fixture.Docker, ImagePlatform.LinuxArm64)).Should().Be(tag);
        (await fixture.Docker.Images.InspectImageAsync(tag)).ID.Should().Be(root.ID, "a second call loads nothing new");

        var image = await BuildAsync(tag, ImagePlatform.LinuxArm64.ElfMachine);
        image.Architecture.Should().Be("arm64");
        (await PlatformCheck.RunAsync(fixture.Docker, image, ImagePlatform.LinuxArm64)).Should()
            .BeEquivalentTo(new { Passed = true, ConfigPlatform = "linux/arm64", Binary = "/app/bin" }, o => o.ExcludingMissingMembers());
    }

    [Fact]
    public async Task An_image_whose_config_or_binary_is_another_platforms_fails_the_check_naming_both()
    {
        var root = await PlatformRoot.EnsureAsync(fixture.Docker, ImagePlatform.LinuxArm64);
        var x64BinaryOnArm64 = await BuildAsync(root, ImagePlatform.LinuxAmd64.ElfMachine);
        var act = () => PlatformCheck.EnforceAsync(fixture.Docker, x64BinaryOnArm64, ImagePlatform.LinuxArm64);
        (await act.Should().ThrowAsync<ImagesException>()).Which.Message.Should()
            .Contain("was built for linux/arm64 but is not").And.Contain("config linux/arm64").And.Contain("/app/bin ELF 64-bit x86_64");

        var hostImage = await BuildAsync("scratch", ImagePlatform.LinuxArm64.ElfMachine);
        var result = await PlatformCheck.RunAsync(fixture.Docker, hostImage, ImagePlatform.LinuxArm64);
        result.Passed.Should().BeFalse();
        result.ConfigPlatform.Should().Be("linux/amd64", "FROM scratch on this engine is the host's platform");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var image in _images)
            await fixture.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true });
    }
}
