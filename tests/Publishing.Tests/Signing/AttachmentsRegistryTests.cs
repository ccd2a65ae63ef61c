using System.Text;
using System.Text.Json.Nodes;
using Publishing.Attestations;
using Publishing.Registry;
using Publishing.Signing;
using Publishing.Tests.Fixtures;

namespace Publishing.Tests.Signing;

/// <summary>
/// Signature, provenance and SBOM pushed beside an image in the real registry (with a login), found again from the
/// image digest alone, and each tampering detected.
/// </summary>
public sealed class AttachmentsRegistryTests(DockerFixture fixture) : IClassFixture<DockerFixture>
{
    private const string User = "publisher";
    private const string Password = "attestations-never-hold-this-9d2e";
    private const string Repository = "creditrobot";

    [Fact]
    public async Task Attachments_are_found_from_the_digest_verified_and_every_tampering_is_named()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var registry = await TestRegistry.StartAsync(fixture.Docker, (User, Password), cts.Token);
        using var client = new RegistryClient(registry.Address, new RegistryCredentials(User, Password));
        var digest = await PushImageAsync(client, "app", cts.Token);
        var subject = new AttestationSubject($"{registry.Address}/{Repository}", digest);
        using var key = SigningKey.Create();
        var sbom = CycloneDxSbom.Write(subject, [], DebianPackages.Parse(["Package: libc6\nVersion: 2.36-9\nArchitecture: amd64\n"]), DateTimeOffset.UnixEpoch, "test");

        var tags = await CosignAttachments.PushAsync(client, Repository, subject, key, sbom, Provenance(subject), cts.Token);

        tags.Signature.Should().Be($"sha256-{subject.DigestHex}.sig");
        (await CosignAttachments.VerifyAsync(client, Repository, digest, key.PublicKeyPem, cts.Token)).Should().BeEmpty();
        var sigManifest = JsonNode.Parse((await client.GetRawAsync(Repository, "manifests", tags.Signature, cts.Token))!)!;
        sigManifest["layers"]![0]!["mediaType"]!.GetValue<string>().Should().Be("application/vnd.dev.cosign.simplesigning.v1+json");
        sigManifest["layers"]![0]!["annotations"]!["dev.cosignproject.cosign/signature"]!.GetValue<string>().Should().NotBeEmpty();
        await AssertNoBlobHoldsAsync(client, [tags.Signature, tags.Attestations, tags.Sbom], Password, cts.Token);

        // Another key: nothing verifies.
        using var stranger = SigningKey.Create();
        (await CosignAttachments.VerifyAsync(client, Repository, digest, stranger.PublicKeyPem, cts.Token))
            .Should().Contain(p => p.StartsWith("signature:")).And.Contain(p => p.Contains("DSSE signature does not verify"));

        // Another image's attachments copied under this digest's tags: signature and subjects name the other digest.
        var other = await PushImageAsync(client, "other", cts.Token);
        var otherSubject = subject with { Digest = other };
        var forged = await CosignAttachments.PushAsync(client, Repository, otherSubject, key, sbom, Provenance(otherSubject), cts.Token);
        foreach (var (from, to) in new[] { (forged.Signature, tags.Signature), (forged.Attestations, tags.Attestations) })
        {
            var bytes = (await client.GetRawAsync(Repository, "manifests", from, cts.Token))!;
            await client.PutManifestAsync(Repository, to, "application/vnd.oci.image.manifest.v1+json", bytes, cts.Token);
        }
        var problems = await CosignAttachments.VerifyAsync(client, Repository, digest, key.PublicKeyPem, cts.Token);
        problems.Should().Contain(p => p.StartsWith("signature:") && p.Contains(digest));
        problems.Should().Contain($"attestation https://slsa.dev/provenance/v1: its subject is not {digest}");

        // Nothing attached at all.
        var bare = await PushImageAsync(client, "bare", cts.Token);
        (await CosignAttachments.VerifyAsync(client, Repository, bare, key.PublicKeyPem, cts.Token))
            .Should().Contain(p => p.StartsWith("no signature:")).And.Contain(p => p.StartsWith("no attestations:"));
    }

    private static byte[] Provenance(AttestationSubject subject) => SlsaProvenance.Write(new ProvenanceFacts
    {
        Subject = subject,
        BuildType = "https://example.invalid/build-type",
        Targets = ["Publish"],
        Parameters = [new ProvenanceParameter("RegistryUsername", User, false), new ProvenanceParameter("RegistryPassword", Password, true)],
        Commit = new string('c', 40),
        Builder = ProvenanceBuilder.FromEnvironment(_ => null),
        StartedOn = DateTimeOffset.UnixEpoch,
        FinishedOn = DateTimeOffset.UnixEpoch,
    });

    /// <summary>A small OCI image manifest (one layer of text) under a tag: its digest stands for the app image's.</summary>
    private static async Task<string> PushImageAsync(RegistryClient client, string content, CancellationToken ct)
    {
        var layer = await client.PushBlobAsync(Repository, Encoding.UTF8.GetBytes(content), ct);
        var config = Encoding.UTF8.GetBytes($$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["{{layer}}"] } }""");
        var configDigest = await client.PushBlobAsync(Repository, config, ct);
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":{{config.Length}},"digest":"{{configDigest}}"},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","size":{{content.Length}},"digest":"{{layer}}"}] }
            """);
        return await client.PutManifestAsync(Repository, content, "application/vnd.oci.image.manifest.v1+json", manifest, ct);
    }

    private static async Task AssertNoBlobHoldsAsync(RegistryClient client, string[] tags, string secret, CancellationToken ct)
    {
        foreach (var tag in tags)
        {
            var manifest = (await client.GetRawAsync(Repository, "manifests", tag, ct))!;
            foreach (var layer in JsonNode.Parse(manifest)!["layers"]!.AsArray())
            {
                var text = Encoding.UTF8.GetString((await client.GetRawAsync(Repository, "blobs", layer!["digest"]!.GetValue<string>(), ct))!);
                // DSSE payloads are base64: decode them before looking.
                var payload = JsonNode.Parse(text)?["payload"]?.GetValue<string>() is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : "";
                (text + payload).Should().NotContain(secret, $"{tag} must not carry the registry password");
            }
        }
    }
}
