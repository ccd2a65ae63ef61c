using System.Text.Json;
using Containers;
using Images;
using Images.Platforms;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Tests.Push;
using TypedBuild;

namespace Publishing.Tests.Index;

/// <summary>
/// An amd64 and an arm64 image pushed by the engine, one OCI index over them put through the registry's API, read
/// back by a standard client (Debian's skopeo) and pulled per platform by digest, all against a real registry.
/// </summary>
public sealed class ImageIndexTests(OpenRegistryFixture fixture) : IClassFixture<OpenRegistryFixture>
{
    private static readonly HostTool Skopeo = new("skopeo", "skopeo", "reading the pushed image index as a standard client (test)");

    /// <summary>A one-file image of <paramref name="platform"/> (FROM its empty root, so its config names it).</summary>
    private async Task<string> ImageAsync(ImagePlatform platform)
    {
        var root = platform.IsHost ? "scratch" : await PlatformRoot.EnsureAsync(fixture.Docker, platform);
        var tag = await RecipeImages.BuildAsync("publishing-index", $"""
            ARG BASE_IMAGE
            FROM ${"{"}BASE_IMAGE{"}"} AS files
            RUN echo {platform} > /platform.txt
            FROM {root}
            COPY --from=files /platform.txt /platform.txt
            LABEL {ProjectLabels.Name}={ProjectLabels.Value}
            """);
        return (await fixture.Docker.Images.InspectImageAsync(tag)).ID;
    }

    [Fact]
    public async Task Both_platforms_are_served_under_every_tag_and_each_pulls_back_by_digest()
    {
        var registry = fixture.Registry.Address;
        var publisher = new ImagePublisher(fixture.Docker);
        using var client = new RegistryClient(registry, null);
        var manifests = new List<PlatformManifest>();
        var images = new Dictionary<string, string>();
        foreach (var platform in ImagePlatform.Supported)
        {
            var image = images[platform.ToString()] = await ImageAsync(platform);
            var pushed = (await publisher.PublishAsync(new PublishRequest
            {
                ImageId = image, Registry = registry, Repository = "team/index", Tags = [$"1.0.0-{platform.Architecture}"],
            })).References[0];
            var manifest = (await client.GetManifestAsync("team/index", pushed.Digest))!;
            manifests.Add(new PlatformManifest(platform.ToString(), manifest.Digest, manifest.MediaType, manifest.Size));
        }

        var log = new List<string>();
        var index = await new ImageIndexPublisher(log.Add).PublishAsync(registry, null, "team/index", ["1.0.0", "latest"], manifests, images["linux/amd64"]);

        index.References.Select(r => r.Digest).Distinct().Should().ContainSingle("one index under every tag");
        (await client.GetManifestAsync("team/index", "latest"))!.Should()
            .BeEquivalentTo(new { Digest = index.References[0].Digest, MediaType = ImageIndexPublisher.MediaType, ConfigDigest = (string?)null });
        log.Should().Contain(l => l.Contains($"linux/arm64: {registry}/team/index@{manifests[1].Digest}"));

        var skopeo = await new HostTools().EnsureAsync(Skopeo);
        var raw = await ProcessRunner.Silent.RunAsync(skopeo, ["inspect", "--raw", "--tls-verify=false", $"docker://{registry}/team/index:1.0.0"]);
        using var json = JsonDocument.Parse(string.Concat(raw.Output.Where(l => !l.IsError).Select(l => l.Text)));
        json.RootElement.GetProperty("manifests").EnumerateArray()
            .Select(m => $"{m.GetProperty("platform").GetProperty("os").GetString()}/{m.GetProperty("platform").GetProperty("architecture").GetString()} {m.GetProperty("digest").GetString()}")
            .Should().Equal(manifests.Select(m => $"{m.Platform} {m.Digest}"));

        var proof = new PullProof(fixture.Docker);
        foreach (var manifest in manifests)
        {
            var pulled = await proof.PullByDigestAsync(new PublishedReference($"{registry}/team/index:pulled", manifest.Digest, Pushed: true));
            pulled.Should().Be(images[manifest.Platform], $"{manifest.Platform} pulls back as the image that was pushed");
            (await fixture.Docker.Images.InspectImageAsync(pulled)).Architecture.Should().Be(manifest.Platform.Split('/')[1]);
        }
    }

    [Fact]
    public void The_index_document_is_the_same_bytes_for_the_same_manifests()
    {
        PlatformManifest[] manifests =
        [
            new("linux/amd64", "sha256:" + new string('a', 64), "application/vnd.docker.distribution.manifest.v2+json", 525),
            new("linux/arm64", "sha256:" + new string('b', 64), "application/vnd.docker.distribution.manifest.v2+json", 527),
        ];
        var document = ImageIndexPublisher.Create(manifests);
        document.Should().Equal(ImageIndexPublisher.Create(manifests));
        using var json = JsonDocument.Parse(document);
        json.RootElement.GetProperty("schemaVersion").GetInt32().Should().Be(2);
        json.RootElement.GetProperty("manifests")[1].GetProperty("platform").GetProperty("architecture").GetString().Should().Be("arm64");
        json.RootElement.GetProperty("manifests")[1].GetProperty("size").GetInt64().Should().Be(527);
    }
}
