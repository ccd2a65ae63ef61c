using System.Text;
using Publishing.Attestations;
using Publishing.Registry;
using Publishing.Signing;
using Publishing.Versioning;
using TypedBuild;

namespace Publishing.Tests.Verification;

/// <summary>
/// Puts what Publish attaches beside a manifest in a test registry: the SBOM, the provenance as the build writes it
/// (<see cref="BuildProvenance"/>, with a registry password among the parameters) and the signature.
/// </summary>
internal static class SignedImages
{
    public const string Repository = "creditrobot";
    public const string Password = "verify-never-records-this-51c7";
    public static readonly string Commit = new('c', 40);

    public static readonly IReadOnlyList<ParameterValue> Parameters =
    [
        new("RegistryUsername", "publisher", IsSecret: false, IsSet: true),
        new("RegistryPassword", null, IsSecret: true, IsSet: true),
        new("ConfWorkers", "4", IsSecret: false, IsSet: false),
    ];

    /// <summary>Signs and attaches proofs for <paramref name="digest"/>, built (so its provenance says) from <paramref name="bases"/>.</summary>
    public static async Task AttachAsync(RegistryClient client, string digest, SigningKey key, string imageId, IReadOnlyList<BaseImageUsed> bases,
        CancellationToken ct)
    {
        var subject = new AttestationSubject($"{client.Address}/{Repository}", digest);
        var sbom = CycloneDxSbom.Write(subject, [], DebianPackages.Parse(["Package: libc6\nVersion: 2.36-9\nArchitecture: amd64\n"]), DateTimeOffset.UnixEpoch, "test");
        var provenance = new BuildProvenance(new GitFacts(Commit, "main", "main", false, [], null, 0, 1) { SourceUrl = "https://example.invalid/creditrobot" },
            client.Address.ToString(), new string('f', 64), Parameters, DateTimeOffset.FromUnixTimeSeconds(1795000000), "0.1.0-dev.1.gcccccccc",
            ProvenanceBuilder.FromEnvironment(_ => null), DateTimeOffset.UnixEpoch);
        await CosignAttachments.PushAsync(client, Repository, subject, key, sbom, provenance.Write(subject, "linux/amd64", imageId, bases), ct);
    }

    /// <summary>A small OCI image manifest (one layer of text) under a tag, through the registry's API; its digest.</summary>
    public static async Task<string> PushManifestAsync(RegistryClient client, string content, string tag, CancellationToken ct)
    {
        var layer = await client.PushBlobAsync(Repository, Encoding.UTF8.GetBytes(content), ct);
        var config = Encoding.UTF8.GetBytes($$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["{{layer}}"] } }""");
        var configDigest = await client.PushBlobAsync(Repository, config, ct);
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":{{config.Length}},"digest":"{{configDigest}}"},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","size":{{content.Length}},"digest":"{{layer}}"}] }
            """);
        return await client.PutManifestAsync(Repository, tag, "application/vnd.oci.image.manifest.v1+json", manifest, ct);
    }
}
