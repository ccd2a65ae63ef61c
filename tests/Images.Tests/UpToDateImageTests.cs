using Containers;
using Docker.DotNet.Models;
using Images.Build;

namespace Images.Tests;

/// <summary>
/// The no-op Image: the same inputs on the same base images give the remembered image, tagged again, without a
/// Dockerfile step; an edit, another base image under the same name, or --no-cache builds.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class UpToDateImageTests(BaseImagesFixture fixture) : IAsyncLifetime
{
    private const string Repository = "creditrobot-uptodate-test";
    private readonly string _context = Directory.CreateTempSubdirectory("uptodate-context-").FullName;
    private readonly string _cache = Directory.CreateTempSubdirectory("uptodate-cache-").FullName;
    private readonly string _runtime = $"{Repository}-runtime:{Guid.NewGuid():N}";

    private AppImageOptions Options => new()
    {
        ContextDirectory = _context,
        Repository = Repository,
        Version = "0.0.0-test",
        SdkImage = "creditrobot/bootstrap-debian:bookworm",
        RuntimeImage = _runtime,
        Created = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero),
        AssemblyCacheDirectory = _cache,
    };

    private async Task<AppImageResult> BuildAsync(string source, AppImageOptions? options = null)
    {
        await File.WriteAllTextAsync(Path.Combine(_context, "source.cs"), source);
        return await AppImage.BuildAsync(fixture.Docker, options ?? Options, null);
    }

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_context, "Dockerfile"), """
            ARG SDK_IMAGE
            ARG RUNTIME_IMAGE
            FROM ${SDK_IMAGE} AS build
            COPY source.cs /src/
            RUN cp /src/source.cs /published
            FROM ${RUNTIME_IMAGE}
            COPY --from=build /published /app/published
            """);
        await fixture.Docker.TagAsync(fixture.Images.Runtime.Id, _runtime);
    }

    [Fact]
    public async Task The_same_inputs_and_base_images_give_the_remembered_image_tagged_again_without_a_step()
    {
        var first = await BuildAsync("class A {}");
        await fixture.Docker.TagAsync(fixture.Images.Runtime.Id, $"{Repository}:latest"); // moved away, as another checkout's build would

        var again = await BuildAsync("class A {}");

        first.UpToDate.Should().BeFalse();
        again.Should().BeEquivalentTo(new { UpToDate = true, first.ImageId, Steps = 0 }, o => o.ExcludingMissingMembers());
        (await fixture.Docker.Images.InspectImageAsync($"{Repository}:latest")).ID.Should().Be(first.ImageId, "the tags point at it again");
    }

    [Fact]
    public async Task An_edit_another_base_image_under_the_same_name_or_no_cache_builds()
    {
        var first = await BuildAsync("class A {}");

        var edited = await BuildAsync("class A { int edited; }");
        edited.UpToDate.Should().BeFalse();
        edited.ImageId.Should().NotBe(first.ImageId);

        (await BuildAsync("class A { int edited; }", Options with { NoCache = true })).UpToDate.Should().BeFalse("--no-cache always builds");
        var noCacheFirst = await BuildAsync("class B {}", Options with { NoCache = true });
        (await BuildAsync("class B {}")).Should().BeEquivalentTo(new { UpToDate = true, noCacheFirst.ImageId },
            o => o.ExcludingMissingMembers(), "what --no-cache built is remembered like any build");

        var rebased = await ImageBuild.RunAsync(fixture.Docker, BuildContext.FromFiles([
            ContextFile.Text("Dockerfile", $"FROM {fixture.Images.Runtime.Name}\nCOPY marker /marker\n"), ContextFile.Text("marker", "another base"),
        ]), new ImageBuildParameters { Labels = new Dictionary<string, string> { [ProjectLabels.Name] = ProjectLabels.Value } }, null);
        await fixture.Docker.TagAsync(rebased.ImageId, _runtime);
        var onNewBase = await BuildAsync("class A { int edited; }");
        onNewBase.UpToDate.Should().BeFalse("the runtime base's name is the same, its id is not");
        onNewBase.Image.RootFS.Layers.Should().Contain((await fixture.Docker.Images.InspectImageAsync(rebased.ImageId)).RootFS.Layers);
    }

    public async Task DisposeAsync()
    {
        foreach (var image in await fixture.Docker.Images.ListImagesAsync(new ImagesListParameters()))
            foreach (var tag in (image.RepoTags ?? []).Where(t => t.StartsWith(Repository, StringComparison.Ordinal)))
                try { await fixture.Docker.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true }); }
                catch (Docker.DotNet.DockerApiException) { }
        Directory.Delete(_context, recursive: true);
        Directory.Delete(_cache, recursive: true);
    }
}
