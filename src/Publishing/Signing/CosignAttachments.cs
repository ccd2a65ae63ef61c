using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Attestations;
using Publishing.Registry;

namespace Publishing.Signing;

/// <summary>The tags the signature, attestations and SBOM were pushed under (cosign's tag scheme).</summary>
public sealed record AttachedTags(string Signature, string Attestations, string Sbom);

/// <summary>
/// Pushes what proves an image beside it, under cosign's tag scheme (the local registry, Debian's docker-registry 2.8,
/// has no OCI 1.1 referrers API): <c>sha256-&lt;hex&gt;.sig</c> (the simple-signing payload, its signature in the layer
/// annotation), <c>.att</c> (DSSE envelopes of the SLSA provenance and of the SBOM as a CycloneDX statement, each
/// layer annotated with its predicateType) and <c>.sbom</c> (the plain CycloneDX document, as <c>cosign attach sbom</c>).
/// A client finds each from the image digest alone.
/// </summary>
public static class CosignAttachments
{
    public const string CycloneDxPredicateType = "https://cyclonedx.org/bom";
    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    private const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";

    public static async Task<AttachedTags> PushAsync(RegistryClient registry, string repository, AttestationSubject image, SigningKey key,
        byte[] sbom, byte[] provenanceStatement, CancellationToken ct = default)
    {
        var payload = CosignPayloads.SimpleSigning(image.Name, image.Digest);
        var signature = Convert.ToBase64String(key.Sign(payload));
        var sbomStatement = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["_type"] = SlsaProvenance.StatementType,
            ["subject"] = new JsonArray(new JsonObject { ["name"] = image.Name, ["digest"] = new JsonObject { ["sha256"] = image.DigestHex } }),
            ["predicateType"] = CycloneDxPredicateType,
            ["predicate"] = JsonNode.Parse(sbom),
        });
        var tags = new AttachedTags(CosignPayloads.Tag(image.Digest, "sig"), CosignPayloads.Tag(image.Digest, "att"), CosignPayloads.Tag(image.Digest, "sbom"));
        await PushArtifactAsync(registry, repository, tags.Signature,
            [(CosignPayloads.SimpleSigningMediaType, payload, new() { [CosignPayloads.SignatureAnnotation] = signature })], ct);
        await PushArtifactAsync(registry, repository, tags.Attestations,
        [
            (CosignPayloads.DsseMediaType, CosignPayloads.DsseEnvelope(SlsaProvenance.PayloadType, provenanceStatement, key),
                new() { [CosignPayloads.PredicateTypeAnnotation] = SlsaProvenance.PredicateType }),
            (CosignPayloads.DsseMediaType, CosignPayloads.DsseEnvelope(SlsaProvenance.PayloadType, sbomStatement, key),
                new() { [CosignPayloads.PredicateTypeAnnotation] = CycloneDxPredicateType }),
        ], ct);
        await PushArtifactAsync(registry, repository, tags.Sbom, [(CycloneDxSbom.MediaType, sbom, new())], ct);
        return tags;
    }

    private static async Task PushArtifactAsync(RegistryClient registry, string repository, string tag,
        IReadOnlyList<(string MediaType, byte[] Content, Dictionary<string, string> Annotations)> layers, CancellationToken ct)
    {
        var descriptors = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var (mediaType, content, annotations) in layers)
        {
            var digest = await registry.PushBlobAsync(repository, content, ct);
            var descriptor = new JsonObject { ["mediaType"] = mediaType, ["size"] = content.Length, ["digest"] = digest };
            if (annotations.Count > 0)
                descriptor["annotations"] = new JsonObject([.. annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]);
            descriptors.Add(descriptor);
            diffIds.Add(digest);
        }
        // An image config as cosign's empty image has one: no platform, one history entry per layer, the layers' digests.
        var config = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["architecture"] = "", ["config"] = new JsonObject(), ["created"] = "0001-01-01T00:00:00Z",
            ["history"] = new JsonArray([.. layers.Select(_ => (JsonNode)new JsonObject { ["created"] = "0001-01-01T00:00:00Z" })]),
            ["os"] = "", ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        });
        var configDigest = await registry.PushBlobAsync(repository, config, ct);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = new JsonObject { ["mediaType"] = ConfigMediaType, ["size"] = config.Length, ["digest"] = configDigest },
            ["layers"] = descriptors,
        });
        await registry.PutManifestAsync(repository, tag, ManifestMediaType, manifest, ct);
    }
}
