using System.Formats.Tar;
using Containers;
using Docker.DotNet.Models;
using Publishing.Attestations;
using Publishing.Push;
using Publishing.Tests.Fixtures;
using Publishing.Verification;
using static Publishing.Tests.Verification.SignedImages;

namespace Publishing.Tests.Verification;

/// <summary>
/// The rebuild comparison on real images: one pushed by the engine to a real registry, compared with local images that
/// are the same, differ in one file of one layer, or differ only in their config; and the layer diff on small tars.
/// </summary>
public sealed class RebuildComparisonTests(DockerFixture fixture) : IClassFixture<DockerFixture>
{
    /// <summary>The Debian base plus one layer of three files with fixed times; <paramref name="second"/> is the content of /b/2.txt.</summary>
    private async Task<string> LayeredImageAsync(string second, string label = "same")
    {
        var tag = await RecipeImages.BuildAsync("publishing-verify", $$"""
            ARG BASE_IMAGE
            FROM ${BASE_IMAGE} AS files
            RUN mkdir -p /out/b && echo one > /out/b/1.txt && echo {{second}} > /out/b/2.txt && echo three > /out/b/3.txt \
                && find /out -exec touch -h -d @1700000000 {} +
            FROM ${BASE_IMAGE}
            COPY --from=files /out/ /
            LABEL {{ProjectLabels.Name}}={{ProjectLabels.Value}} com.creditrobot.test.variant={{label}}
            """);
        return (await fixture.Docker.Images.InspectImageAsync(tag)).ID;
    }

    [Fact]
    public async Task A_rebuild_equal_to_the_published_image_passes_and_a_different_one_names_its_layer_and_file()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = cts.Token;
        await using var registry = await TestRegistry.StartAsync(fixture.Docker, ct: ct);
        using var client = new Publishing.Registry.RegistryClient(registry.Address, null);
        var published = await LayeredImageAsync("published");
        var pushed = (await new ImagePublisher(fixture.Docker).PublishAsync(new PublishRequest
        {
            ImageId = published, Registry = registry.Address, Repository = Repository, Tags = ["1.0"],
        }, ct)).References[0];
        try
        {
            var comparison = new ImageComparison(client, Repository, fixture.Docker);
            (await comparison.CompareAsync(pushed.Digest, published, ct)).Should().BeNull("the same image is its own rebuild");

            var otherFile = await LayeredImageAsync("rebuilt");
            var layers = (await fixture.Docker.Images.InspectImageAsync(published, ct)).RootFS!.Layers!.Count;
            (await comparison.CompareAsync(pushed.Digest, otherFile, ct))!.Should()
                .StartWith($"image id: published {published[..19]}, rebuilt {otherFile[..19]}; layer {layers} of {layers} differs")
                .And.EndWith("first differing file /b/2.txt: content (sha256 " + Sha("published\n")[..12] + ", 10 bytes vs " + Sha("rebuilt\n")[..12] + ", 8 bytes) (published vs rebuilt)");

            var otherLabel = await LayeredImageAsync("published", label: "relabelled");
            (await comparison.CompareAsync(pushed.Digest, otherLabel, ct))!.Should().Contain("every layer is equal, the config differs at ")
                .And.Contain("config.config.Labels.com.creditrobot.test.variant: published \"same\", rebuilt \"relabelled\"");

            // The whole verification, with the real image as the rebuild: signed, attached, and equal.
            using var key = Publishing.Signing.SigningKey.Create();
            var debian = await RecipeImages.DebianAsync();
            var debianId = (await fixture.Docker.Images.InspectImageAsync(debian, ct)).ID;
            await AttachAsync(client, pushed.Digest, key, published, [new("linux/amd64", "sdk", debian, debianId), new("linux/amd64", "runtime", debian, debianId)], ct);
            var report = await new ImageVerification(client, fixture.Docker, key.PublicKeyPem).RunAsync(ImageReference.Parse(pushed.Reference),
                (recorded, _) => Task.FromResult(RebuildOutcome.Built(recorded.Runtime.Id == debianId ? published : otherFile, "rebuilt in the test")), ct);
            report.Passed.Should().BeTrue(string.Join("\n", report.Checks));
            report.Checks.Last().Detail.Should().Be($"rebuilt in the test: image id {published[..19]} and every layer equal the published manifest's");
        }
        finally
        {
            await fixture.Docker.Images.DeleteImageAsync(pushed.Reference, new ImageDeleteParameters(), CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_layer_diff_names_the_first_entry_that_differs_and_how()
    {
        var published = Tar(("app/", null, 0), ("app/a.txt", "a", 0), ("app/b.txt", "b", 0), ("app/c.txt", "c", 0));

        (await LayerDiff.FirstDifferenceAsync(published(), Tar(("app/", null, 0), ("app/a.txt", "a", 0), ("app/b.txt", "b", 0), ("app/c.txt", "c", 0))()))
            .Should().BeNull();
        (await LayerDiff.FirstDifferenceAsync(published(), Tar(("app/", null, 0), ("app/a.txt", "a", 0), ("app/b.txt", "b", 60), ("app/c.txt", "C", 0))()))
            .Should().Be("/app/b.txt: modification time 2023-11-14 22:13:20Z vs 2023-11-14 22:14:20Z (published vs rebuilt)");
        (await LayerDiff.FirstDifferenceAsync(published(), Tar(("app/", null, 0), ("app/a.txt", "a", 0), ("app/c.txt", "c", 0))()))
            .Should().Be("/app/b.txt: only in the published layer");
    }

    private static Func<Stream> Tar(params (string Path, string? Content, int Shift)[] entries) => () =>
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (path, content, shift) in entries)
            {
                var entry = new PaxTarEntry(content is null ? TarEntryType.Directory : TarEntryType.RegularFile, path)
                {
                    ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1700000000 + shift),
                };
                if (content is not null)
                    entry.DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));
                writer.WriteEntry(entry);
            }
        stream.Position = 0;
        return stream;
    };

    private static string Sha(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
