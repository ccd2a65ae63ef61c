using System.Text;
using System.Text.Json.Nodes;
using Publishing.Attestations;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Signing;
using Publishing.Tests.Fixtures;
using Publishing.Verification;
using static Publishing.Tests.Verification.SignedImages;

namespace Publishing.Tests.Verification;

/// <summary>
/// Verify's signature, provenance and SBOM checks against a real registry with a login: a signed image passes, and each
/// tampering (the tag moved, the SBOM, the provenance or the signature altered, another key) fails with its own message.
/// </summary>
public sealed class TamperingTests(DockerFixture fixture) : IClassFixture<DockerFixture>
{
    private const string User = "publisher";
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private static readonly BaseImageUsed[] Bases =
        [new("linux/amd64", "sdk", "creditrobot/sdk:test", "sha256:" + new string('1', 64)), new("linux/amd64", "runtime", "creditrobot/runtime:test", "sha256:" + new string('2', 64))];

    private static Task<RebuildOutcome> NoRebuild(RecordedBuild recorded, CancellationToken ct) =>
        Task.FromResult(RebuildOutcome.NotDone($"not done in this test ({recorded.Platform}, {recorded.Commit[..7]}, runtime {recorded.Runtime.Name})"));

    [Fact]
    public async Task A_signed_image_verifies_and_each_tampering_is_named()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cts.Token;
        await using var registry = await TestRegistry.StartAsync(fixture.Docker, (User, Password), ct);
        using var client = new RegistryClient(registry.Address, new RegistryCredentials(User, Password));
        using var key = SigningKey.Create();
        var verification = new ImageVerification(client, fixture.Docker, key.PublicKeyPem);
        async Task<VerificationReport> VerifyAsync(string tag) => await verification.RunAsync(ImageReference.Parse($"{registry.Address}/{Repository}:{tag}"), NoRebuild, ct);
        async Task<string> SignedAsync(string tag)
        {
            var digest = await PushManifestAsync(client, "app " + tag, tag, ct);
            await AttachAsync(client, digest, key, "sha256:" + new string('9', 64), Bases, ct);
            return digest;
        }

        // Untouched: every check passes; the rebuild (not done here) is said, not failed.
        var digest = await SignedAsync("good");
        var good = await VerifyAsync("good");
        good.Passed.Should().BeTrue(string.Join("\n", good.Checks));
        good.Digest.Should().Be(digest);
        good.Checks.Select(c => (c.Check, c.Outcome)).Should().Equal(("resolve", CheckOutcome.Passed), ("signature", CheckOutcome.Passed),
            ("provenance", CheckOutcome.Passed), ("SBOM", CheckOutcome.Passed), ("rebuild", CheckOutcome.NotDone));
        good.Checks.Last().Detail.Should().Contain("linux/amd64, ccccccc, runtime creditrobot/runtime:test", "the rebuild gets what the provenance recorded");
        (await verification.RunAsync(ImageReference.Parse($"{registry.Address}/{Repository}@{digest}"), NoRebuild, ct)).Passed.Should().BeTrue("by digest too");
        await AssertNoBlobHoldsPasswordAsync(client, digest, ct);
        // cosign's layout: the simple-signing payload as the layer, its signature in the annotation a cosign verifier reads.
        var sigLayer = JsonNode.Parse((await client.GetRawAsync(Repository, "manifests", $"sha256-{digest[7..]}.sig", ct))!)!["layers"]![0]!;
        sigLayer["mediaType"]!.GetValue<string>().Should().Be("application/vnd.dev.cosign.simplesigning.v1+json");
        sigLayer["annotations"]!["dev.cosignproject.cosign/signature"]!.GetValue<string>().Should().NotBeEmpty();

        // The tag moved to a modified manifest: nobody signed that digest.
        await SignedAsync("moved");
        var modified = await PushManifestAsync(client, "app moved, modified", "moved", ct);
        Failure(await VerifyAsync("moved"), "signature").Should().StartWith($"no signature for {modified}");

        // The plain SBOM altered (a package removed): it no longer equals the signed one.
        var sbomDigest = await SignedAsync("sbom");
        var sbomTag = CosignPayloads.Tag(sbomDigest, "sbom");
        await ReplaceLayerAsync(client, sbomTag, 0, blob =>
        {
            var sbom = JsonNode.Parse(blob)!;
            sbom["components"]!.AsArray().RemoveAt(0);
            return Encoding.UTF8.GetBytes(sbom.ToJsonString());
        }, ct);
        Failure(await VerifyAsync("sbom"), "SBOM").Should().Be($"{sbomTag} differs from the SBOM the signed attestation carries (altered after signing)");

        // The provenance altered (another commit), its signature kept: the DSSE signature no longer verifies.
        var provenanceDigest = await SignedAsync("provenance");
        await ReplaceLayerAsync(client, CosignPayloads.Tag(provenanceDigest, "att"), 0, blob =>
        {
            var envelope = JsonNode.Parse(blob)!;
            var statement = Encoding.UTF8.GetString(Convert.FromBase64String(envelope["payload"]!.GetValue<string>())).Replace(Commit, new string('d', 40));
            envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(statement));
            return Encoding.UTF8.GetBytes(envelope.ToJsonString());
        }, ct);
        var tampered = await VerifyAsync("provenance");
        Failure(tampered, "provenance").Should().Be("the provenance attestation's DSSE signature does not verify with this key (altered, or signed by another key)");
        Failure(tampered, "rebuild").Should().Be("not done: there is no verified provenance to rebuild from");

        // The signature of another image copied beside this one: it verifies, but names the other digest.
        var copiedDigest = await SignedAsync("copied");
        var sig = (await client.GetRawAsync(Repository, "manifests", CosignPayloads.Tag(digest, "sig"), ct))!;
        await client.PutManifestAsync(Repository, CosignPayloads.Tag(copiedDigest, "sig"), OciManifest, sig, ct);
        Failure(await VerifyAsync("copied"), "signature").Should().StartWith($"the signature verifies but is over {digest[..19]}, not this image's {copiedDigest[..19]}");

        // Signed with a foreign key: nothing verifies with ours.
        using var stranger = SigningKey.Create();
        var foreign = await PushManifestAsync(client, "foreign", "foreign", ct);
        await AttachAsync(client, foreign, stranger, "sha256:" + new string('9', 64), Bases, ct);
        var report = await VerifyAsync("foreign");
        Failure(report, "signature").Should().Be($"{CosignPayloads.Tag(foreign, "sig")}: the signature does not verify with this key (signed by another key, or the payload was altered)");
        Failure(report, "SBOM").Should().StartWith("the SBOM attestation's DSSE signature does not verify");

        // A tag that does not exist is the user's mistake.
        await FluentActions.Awaiting(() => VerifyAsync("nope")).Should().ThrowAsync<ArgumentException>()
            .WithMessage($"{registry.Address}/{Repository}:nope: the registry has no such tag in repository {Repository}.");
    }

    [Fact]
    public async Task An_index_is_verified_and_so_is_each_platform_manifest_in_it()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cts.Token;
        await using var registry = await TestRegistry.StartAsync(fixture.Docker, ct: ct);
        using var client = new RegistryClient(registry.Address, null);
        using var key = SigningKey.Create();
        using var stranger = SigningKey.Create();
        var amd64 = await PushManifestAsync(client, "amd64 image", "1.0-amd64", ct);
        var arm64 = await PushManifestAsync(client, "arm64 image", "1.0-arm64", ct);
        async Task<long> SizeAsync(string digest) => (await client.GetRawAsync(Repository, "manifests", digest, ct))!.Length;
        var index = ImageIndexPublisher.Create([new("linux/amd64", amd64, OciManifest, await SizeAsync(amd64)), new("linux/arm64", arm64, OciManifest, await SizeAsync(arm64))]);
        var indexDigest = await client.PutManifestAsync(Repository, "1.0", ImageIndexPublisher.MediaType, index, ct);
        await AttachAsync(client, indexDigest, key, "sha256:" + new string('9', 64), Bases, ct);
        await AttachAsync(client, amd64, key, "sha256:" + new string('9', 64), Bases, ct);
        await AttachAsync(client, arm64, stranger, "sha256:" + new string('9', 64), Bases, ct);

        var report = await new ImageVerification(client, fixture.Docker, key.PublicKeyPem)
            .RunAsync(ImageReference.Parse($"{registry.Address}/{Repository}:1.0"), NoRebuild, ct);

        report.Digest.Should().Be(indexDigest);
        report.Checks.Where(c => c.Check == "signature").Select(c => (c.Subject, c.Outcome)).Should().Equal(
            ("index", CheckOutcome.Passed), ("linux/amd64", CheckOutcome.Passed), ("linux/arm64", CheckOutcome.Failed));
        report.Checks.Where(c => c.Check == "rebuild").Select(c => c.Subject).Should().Equal(["linux/amd64", "linux/arm64"], "an index has no image to rebuild, its platforms do");
        report.Passed.Should().BeFalse("one platform's signature is another key's");
    }

    [Theory]
    [InlineData("creditrobot:latest", "names no registry")]
    [InlineData("127.0.0.1:5000/creditrobot@sha256:abc", "'sha256:abc' is not a sha256 digest")]
    [InlineData("127.0.0.1:5000/CreditRobot:1", "is not an image reference")]
    public void A_malformed_reference_says_what_was_expected(string text, string message) =>
        FluentActions.Invoking(() => ImageReference.Parse(text)).Should().Throw<ArgumentException>()
            .WithMessage($"*{message}*expected registry/repository:tag or registry/repository@sha256:<64 hex>*");

    [Fact]
    public void A_reference_without_tag_means_latest() =>
        ImageReference.Parse("127.0.0.1:5000/team/creditrobot").Should().Be(new ImageReference(new RegistryAddress("127.0.0.1:5000"), "team/creditrobot", "latest"));

    private static string Failure(VerificationReport report, string check) =>
        report.Checks.Should().ContainSingle(c => c.Check == check && c.Outcome == CheckOutcome.Failed, string.Join("\n", report.Checks)).Subject.Detail;

    /// <summary>Rewrites layer <paramref name="index"/> of the artifact under <paramref name="tag"/> (keeping its annotations), as an attacker with push rights could.</summary>
    private static async Task ReplaceLayerAsync(RegistryClient client, string tag, int index, Func<byte[], byte[]> change, CancellationToken ct)
    {
        var manifest = JsonNode.Parse((await client.GetRawAsync(Repository, "manifests", tag, ct))!)!;
        var layer = manifest["layers"]![index]!;
        var blob = change((await client.GetRawAsync(Repository, "blobs", layer["digest"]!.GetValue<string>(), ct))!);
        layer["digest"] = await client.PushBlobAsync(Repository, blob, ct);
        layer["size"] = blob.Length;
        await client.PutManifestAsync(Repository, tag, OciManifest, Encoding.UTF8.GetBytes(manifest.ToJsonString()), ct);
    }

    /// <summary>No blob beside the image holds the registry password, DSSE payloads decoded (the build's parameters include it as a given secret).</summary>
    private static async Task AssertNoBlobHoldsPasswordAsync(RegistryClient client, string digest, CancellationToken ct)
    {
        var texts = new List<string>();
        foreach (var suffix in new[] { "sig", "att", "sbom" })
        {
            var manifest = (await client.GetRawAsync(Repository, "manifests", CosignPayloads.Tag(digest, suffix), ct))!;
            foreach (var layer in JsonNode.Parse(manifest)!["layers"]!.AsArray())
            {
                var text = Encoding.UTF8.GetString((await client.GetRawAsync(Repository, "blobs", layer!["digest"]!.GetValue<string>(), ct))!);
                var payload = JsonNode.Parse(text)?["payload"]?.GetValue<string>() is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : "";
                texts.Add(text + payload);
            }
        }
        texts.Should().HaveCount(4).And.OnlyContain(t => !t.Contains(Password), "no attestation carries the registry password");
        texts.Should().Contain(t => t.Contains("\"secrets\":[\"RegistryPassword\"]"), "the provenance says a password was given, by name");
    }
}
