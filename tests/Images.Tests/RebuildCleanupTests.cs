using Containers;
using Docker.DotNet.Models;

namespace Images.Tests;

/// <summary>
/// A rebuild after a source edit leaves neither the replaced image nor the previous build stage behind; a build for
/// another platform or variant leaves the first one's stages (its layer cache) alone.
/// </summary>
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

    // Two stages like the app's: a build stage whose steps depend on the platform and variant, and a final stage.
    private const string Dockerfile = """
        ARG SDK_IMAGE
        ARG RUNTIME_IMAGE
        FROM ${SDK_IMAGE} AS build
        ARG VARIANT=aot
        ARG TARGETARCH=amd64
        RUN echo restored $TARGETARCH $VARIANT > /restored
        COPY source.cs /src/
        RUN cat /restored /src/source.cs > /published
        FROM ${RUNTIME_IMAGE}
        COPY --from=build /published /app/published
        """;

    private async Task<(AppImageResult Image, string Output)> BuildAsync(string source, AppImageOptions? options = null)
    {
        await File.WriteAllTextAsync(Path.Combine(_context, "Dockerfile"), Dockerfile);
        await File.WriteAllTextAsync(Path.Combine(_context, "source.cs"), source);
        var (progress, output) = TestRepository.RecordingProgress();
        var built = await AppImage.BuildAsync(fixture.Docker, options ?? Options, progress);
        return (built, output.ToString());
    }

    /// <summary>The images the stage cache tags of <paramref name="scope"/> point at: the last image of each stage.</summary>
    private async Task<List<string>> StagesAsync(string scope) =>
        [.. (await fixture.Docker.Images.ListImagesAsync(new ImagesListParameters { All = true }))
            .Where(i => (i.RepoTags ?? []).Any(t => t.StartsWith($"{Repository}-build-cache:{scope}-stage", StringComparison.Ordinal)))
            .Select(i => i.ID)];

    [Fact]
    public async Task The_replaced_image_and_the_previous_build_stage_are_removed_and_the_restore_step_stays_cached()
    {
        var (first, _) = await BuildAsync("class A {}");
        var firstStages = await StagesAsync("amd64");
        firstStages.Should().HaveCount(2, "the last image of the build stage and of the final stage are the cache's anchors");

        var (second, output) = await BuildAsync("class A { int edited; }");

        second.ImageId.Should().NotBe(first.ImageId);
        (await fixture.Docker.TryInspectImageAsync(first.ImageId)).Should().BeNull("the image the rebuild replaced is removed");
        (await StagesAsync("amd64")).Should().HaveCount(2).And.NotIntersectWith(firstStages, "the tags moved to the new build's stages");
        foreach (var stage in firstStages)
            (await fixture.Docker.TryInspectImageAsync(stage)).Should().BeNull("the first build's stages are removed after the second build");
        output.ReplaceLineEndings("\n").Should().Contain(": RUN echo restored $TARGETARCH $VARIANT > /restored\n[CacheHit]", "the restore step's cache stays warm");
    }

    [Fact]
    public async Task A_build_for_another_variant_or_platform_keeps_the_first_ones_cache()
    {
        var (first, firstOutput) = await BuildAsync("class A {}");
        var variant = Options with { Variant = "jit" };
        var platform = Options with { Platform = Images.Platforms.ImagePlatform.LinuxArm64 };

        await BuildAsync("class A {}", variant);
        await BuildAsync("class A {}", platform);
        var (again, output) = await BuildAsync("class A {}");

        // 2 global ARGs and 2 FROMs are never "cached"; every other step is.
        again.CachedSteps.Should().Be(again.Steps - 4, "the other builds' clean-up left this build's stages; output:\n{0}\nfirst:\n{1}", output, firstOutput);
        again.ImageId.Should().Be(first.ImageId);
        (await StagesAsync("amd64-jit")).Should().HaveCount(2);
        (await StagesAsync("arm64")).Should().HaveCount(2);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Directory.Delete(_context, recursive: true);
        var cacheTags = (await fixture.Docker.Images.ListImagesAsync(new ImagesListParameters { All = true }))
            .SelectMany(i => i.RepoTags ?? []).Where(t => t.StartsWith($"{Repository}-build-cache:", StringComparison.Ordinal));
        foreach (var tag in Options.Tags.Concat((Options with { Variant = "jit" }).Tags)
                     .Concat((Options with { Platform = Images.Platforms.ImagePlatform.LinuxArm64 }).Tags).Concat(cacheTags))
        {
            try { await fixture.Docker.Images.DeleteImageAsync(tag, new ImageDeleteParameters()); }
            catch (Docker.DotNet.DockerImageNotFoundException) { }
        }
    }
}
