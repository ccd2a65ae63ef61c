using Containers;
using Docker.DotNet.Models;

namespace Images.Tests;

/// <summary>A rebuild after a source edit leaves neither the replaced image nor the previous build stage behind.</summary>
[Collection(EngineCollection.Name)]
public sealed class RebuildCleanupTests(BaseImagesFixture fixture) : IAsyncLifetime
{
    private const string Repository = "creditrobot-rebuild-test";
    private readonly string _context = Directory.CreateTempSubdirectory("rebuild-context-").FullName;

    private AppImageOptions Options => new()
    {
        ContextDirectory = _context,
        Repository = Repository,
        Version = "0.0.0-test",
        // The bootstrapped Debian base has a shell for the RUN steps; the build stage inherits its project label.
        SdkImage = "creditrobot/bootstrap-debian:bookworm",
        RuntimeImage = fixture.Images.Runtime.Name,
        Created = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero),
    };

    private async Task<(AppImageResult Image, string Output)> BuildAsync(string source)
    {
        await File.WriteAllTextAsync(Path.Combine(_context, "source.cs"), source);
        var (progress, output) = TestRepository.RecordingProgress();
        var built = await AppImage.BuildAsync(fixture.Docker, Options, progress);
        return (built, output.ToString());
    }

    /// <summary>Untagged images with the project label made since <paramref name="since"/> (older ones may be in use by others).</summary>
    private async Task<HashSet<string>> DanglingOfProjectAsync(DateTime since) =>
        (await fixture.Docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["dangling"] = new Dictionary<string, bool> { ["true"] = true },
                ["label"] = new Dictionary<string, bool> { ["com.creditrobot.project=creditrobot"] = true },
            },
        })).Where(i => i.Created.ToUniversalTime() >= since).Select(i => i.ID).ToHashSet();

    [Fact]
    public async Task The_replaced_image_and_the_previous_build_stage_are_removed_and_the_restore_step_stays_cached()
    {
        await File.WriteAllTextAsync(Path.Combine(_context, "Dockerfile"), """
            ARG SDK_IMAGE
            ARG RUNTIME_IMAGE
            FROM ${SDK_IMAGE} AS build
            RUN echo restored > /restored
            COPY source.cs /src/
            RUN cat /restored /src/source.cs > /published
            FROM ${RUNTIME_IMAGE}
            COPY --from=build /published /app/published
            """);
        var started = DateTime.UtcNow.AddSeconds(-1);
        var (first, _) = await BuildAsync("class A {}");
        var leftByFirst = await DanglingOfProjectAsync(started);
        leftByFirst.Should().NotBeEmpty("the first build's stage is untagged, as after every build");

        var (second, output) = await BuildAsync("class A { int edited; }");

        second.ImageId.Should().NotBe(first.ImageId);
        (await fixture.Docker.TryInspectImageAsync(first.ImageId)).Should().BeNull("the image the rebuild replaced is removed");
        var stillThere = (await DanglingOfProjectAsync(started)).Intersect(leftByFirst).ToList();
        stillThere.Should().BeEmpty("the first build's untagged build stage is removed after the second build");
        output.ReplaceLineEndings("\n").Should().Contain(": RUN echo restored > /restored\n[CacheHit]", "the restore step's cache stays warm");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Directory.Delete(_context, recursive: true);
        foreach (var tag in Options.Tags)
        {
            try { await fixture.Docker.Images.DeleteImageAsync(tag, new ImageDeleteParameters()); }
            catch (Docker.DotNet.DockerImageNotFoundException) { }
        }
    }
}
