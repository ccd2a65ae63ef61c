using Images.Platforms;
using Containers;
using Docker.DotNet.Models;
using Images.Assembly;
using Images.Build;

namespace Images.Tests.Assembly;

/// <summary>
/// The assembler on the real engine with a small final stage FROM the bootstrapped runtime base: two builds with
/// other file times and no cache give one image id; the platform and the source date are what the config says.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ImageAssemblerTests(BaseImagesFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset SourceDate = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _context = Directory.CreateTempSubdirectory("assembler-context-");
    private readonly List<string> _images = [];

    [Fact]
    public async Task Two_uncached_builds_with_other_file_times_assemble_into_one_image_id()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        WriteContext(DateTime.UtcNow.AddHours(-3));
        var first = await AssembleAsync(ImagePlatform.LinuxAmd64, cts.Token);
        WriteContext(DateTime.UtcNow);
        var second = await AssembleAsync(ImagePlatform.LinuxAmd64, cts.Token);

        second.ImageId.Should().Be(first.ImageId);
        second.LayerDiffId.Should().Be(first.LayerDiffId);
        var image = await fixture.Docker.Images.InspectImageAsync(first.ImageId, cts.Token);
        image.Created!.Value.ToUniversalTime().Should().Be(SourceDate.UtcDateTime);
        (image.Os, image.Architecture).Should().Be(("linux", "amd64"));
        image.Config!.User.Should().Be("1654");
        image.Config.WorkingDir.Should().Be("/app");
        image.Config.Labels.Should().Contain(ProjectLabels.Name, ProjectLabels.Value);
        var runtime = await fixture.Docker.Images.InspectImageAsync(fixture.Images.Runtime.Name, cts.Token);
        image.RootFS!.Layers!.Should().Equal([.. runtime.RootFS!.Layers!, first.LayerDiffId], "the base's layers as they are, plus one");
        image.RepoTags.Should().Contain("creditrobot-assembler-test:amd64");
        (await ImageAudit.RunAsync(fixture.Docker, image, [], cts.Token)).Findings.Should().BeEmpty();
    }

    [Fact]
    public async Task The_platform_and_the_source_date_are_the_config_s_and_change_the_id()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        WriteContext(DateTime.UtcNow);
        var amd64 = await AssembleAsync(ImagePlatform.LinuxAmd64, cts.Token);
        var arm64 = await AssembleAsync(ImagePlatform.LinuxArm64, cts.Token);
        var later = await AssembleAsync(ImagePlatform.LinuxAmd64, cts.Token, SourceDate.AddDays(1));

        arm64.ImageId.Should().NotBe(amd64.ImageId);
        later.ImageId.Should().NotBe(amd64.ImageId);
        (await fixture.Docker.Images.InspectImageAsync(arm64.ImageId, cts.Token)).Architecture.Should().Be("arm64");
    }

    private void WriteContext(DateTime fileTime)
    {
        File.WriteAllText(Path.Combine(_context.FullName, "Dockerfile"),
            "ARG RUNTIME_IMAGE\nFROM ${RUNTIME_IMAGE}\nWORKDIR /app\nUSER 1654\nENV GREETING=hello\nCOPY greeting.txt /app/\n");
        var file = Path.Combine(_context.FullName, "greeting.txt");
        File.WriteAllText(file, "hello\n");
        File.SetLastWriteTimeUtc(file, fileTime);
    }

    private async Task<AssembledImage> AssembleAsync(ImagePlatform platform, CancellationToken ct, DateTimeOffset? sourceDate = null)
    {
        var built = await ImageBuild.RunAsync(fixture.Docker, BuildContext.FromDirectory(_context.FullName), new ImageBuildParameters
        {
            BuildArgs = new Dictionary<string, string> { ["RUNTIME_IMAGE"] = fixture.Images.Runtime.Name },
            Labels = new Dictionary<string, string> { [ProjectLabels.Name] = ProjectLabels.Value },
            NoCache = true,
        }, progress: null, ct);
        _images.Add(built.ImageId);
        var assembled = await ImageAssembler.AssembleAsync(fixture.Docker, new AssemblyRequest
        {
            BuiltImage = built.ImageId,
            BaseImage = fixture.Images.Runtime.Name,
            Platform = platform,
            SourceDate = sourceDate ?? SourceDate,
            Tags = [$"creditrobot-assembler-test:{platform.Architecture}"],
        }, ct);
        _images.Add(assembled.ImageId);
        return assembled;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _context.Delete(recursive: true);
        foreach (var image in _images.Distinct().Reverse())
        {
            try { await fixture.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }); }
            catch (Docker.DotNet.DockerApiException) { }
        }
    }
}
