using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Attestations;
using Publishing.Registry;
using Publishing.Signing;

namespace Publishing.Verification;

/// <summary>What the signed attachments of one manifest say: the three verdict rows and, when it verified, the provenance statement.</summary>
public sealed record AttachmentVerdict(IReadOnlyList<VerificationCheck> Checks, JsonNode? Provenance);

/// <summary>
/// Checks what <see cref="CosignAttachments"/> pushed beside a manifest, found from its digest alone, with the public key:
/// the <c>.sig</c> signature and the digest it names; the provenance (a DSSE envelope in <c>.att</c>) and its subject; the
/// SBOM: the CycloneDX statement in <c>.att</c> is signed and about this digest, and the plain <c>.sbom</c> document
/// (unsigned in cosign's scheme) is the very document that statement carries, so an altered copy is caught.
/// </summary>
public sealed class AttachmentVerifier(RegistryClient registry, string repository, string publicKeyPem)
{
    public string Repository => repository;

    public async Task<AttachmentVerdict> VerifyAsync(string subject, string digest, CancellationToken ct = default)
    {
        var hex = new AttestationSubject(repository, digest).DigestHex;
        var checks = new List<VerificationCheck> { await SignatureAsync(subject, digest, ct) };
        var attestations = await LayersAsync(CosignPayloads.Tag(digest, "att"), ct);
        var (provenanceCheck, provenance) = Attestation(subject, "provenance", attestations, SlsaProvenance.PredicateType, digest, hex);
        checks.Add(provenanceCheck);
        var (sbomCheck, sbomStatement) = Attestation(subject, "SBOM", attestations, CosignAttachments.CycloneDxPredicateType, digest, hex);
        checks.Add(sbomStatement is null ? sbomCheck : await SbomCopyAsync(subject, digest, sbomStatement, ct));
        return new AttachmentVerdict(checks, provenance);
    }

    private async Task<VerificationCheck> SignatureAsync(string subject, string digest, CancellationToken ct)
    {
        var tag = CosignPayloads.Tag(digest, "sig");
        if (await LayersAsync(tag, ct) is not { } layers)
            return VerificationCheck.Fail(subject, "signature", $"no signature for {digest}: {repository}:{tag} does not exist (the reference points at a manifest that was never signed)");
        var signedDigests = new List<string>();
        foreach (var layer in layers)
        {
            if (!layer.Annotations.TryGetValue(CosignPayloads.SignatureAnnotation, out var signature) || !VerifiesWithKey(layer.Blob, signature))
                continue;
            var named = Json(layer.Blob)?["critical"]?["image"]?["docker-manifest-digest"]?.GetValue<string>() ?? "(none)";
            if (named == digest)
                return VerificationCheck.Pass(subject, "signature", $"ECDSA P-256 signature over docker-manifest-digest {Short(digest)} verifies with the key");
            signedDigests.Add(named);
        }
        return VerificationCheck.Fail(subject, "signature", signedDigests.Count > 0
            ? $"the signature verifies but is over {string.Join(", ", signedDigests.Select(Short))}, not this image's {Short(digest)}"
            : $"{tag}: the signature does not verify with this key (signed by another key, or the payload was altered)");
    }

    private bool VerifiesWithKey(byte[] payload, string signatureBase64)
    {
        try { return SigningKey.Verify(publicKeyPem, payload, Convert.FromBase64String(signatureBase64)); }
        catch (FormatException) { return false; }
    }

    /// <summary>The .att envelope of <paramref name="predicateType"/>: it verifies and its subject is the digest; the statement when so.</summary>
    private (VerificationCheck Check, JsonNode? Statement) Attestation(string subject, string check, List<Layer>? layers, string predicateType, string digest, string hex)
    {
        if (layers is null)
            return (VerificationCheck.Fail(subject, check, $"no attestations for {digest}: {repository}:{CosignPayloads.Tag(digest, "att")} does not exist"), null);
        var candidates = layers.Where(l => l.Annotations.GetValueOrDefault(CosignPayloads.PredicateTypeAnnotation) == predicateType).ToList();
        if (candidates.Count == 0)
            return (VerificationCheck.Fail(subject, check, $"no {predicateType} attestation in {CosignPayloads.Tag(digest, "att")}"), null);
        var subjects = new List<string>();
        foreach (var layer in candidates)
        {
            byte[]? payload;
            try { payload = CosignPayloads.OpenDsseEnvelope(layer.Blob, publicKeyPem, out _); }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException) { payload = null; }
            if (payload is null || Json(payload) is not { } statement)
                continue;
            var named = statement["subject"]?.AsArray().Select(s => s?["digest"]?["sha256"]?.GetValue<string>()).ToList() ?? [];
            if (named.Contains(hex))
                return (VerificationCheck.Pass(subject, check, Describe(check, statement)), statement);
            subjects.AddRange(named.Select(n => "sha256:" + n));
        }
        return (VerificationCheck.Fail(subject, check, subjects.Count > 0
            ? $"the signed {check} statement's subject is {string.Join(", ", subjects.Select(Short))}, not {Short(digest)}"
            : $"the {check} attestation's DSSE signature does not verify with this key (altered, or signed by another key)"), null);
    }

    /// <summary>The plain .sbom document must be the one the signed CycloneDX statement carries, about this digest.</summary>
    private async Task<VerificationCheck> SbomCopyAsync(string subject, string digest, JsonNode statement, CancellationToken ct)
    {
        var tag = CosignPayloads.Tag(digest, "sbom");
        var layers = await LayersAsync(tag, ct);
        if (layers is not [var layer])
            return VerificationCheck.Fail(subject, "SBOM", layers is null ? $"{repository}:{tag} does not exist" : $"{tag} has {layers.Count} layers, expected one CycloneDX document");
        var copy = Json(layer.Blob);
        if (copy?["metadata"]?["component"]?["version"]?.GetValue<string>() != digest)
            return VerificationCheck.Fail(subject, "SBOM", $"{tag} is about {copy?["metadata"]?["component"]?["version"]?.GetValue<string>() ?? "(nothing)"}, not {Short(digest)}");
        if (!JsonNode.DeepEquals(copy, statement["predicate"]))
            return VerificationCheck.Fail(subject, "SBOM", $"{tag} differs from the SBOM the signed attestation carries (altered after signing)");
        return VerificationCheck.Pass(subject, "SBOM", $"{Describe("SBOM", statement)}; {tag} equals the signed one");
    }

    private static string Describe(string check, JsonNode statement)
    {
        if (check == "SBOM")
        {
            var components = statement["predicate"]?["components"]?.AsArray() ?? [];
            var debian = components.Count(c => c?["purl"]?.GetValue<string>().StartsWith("pkg:deb/", StringComparison.Ordinal) == true);
            return $"CycloneDX, signed, subject matches: {components.Count - debian} NuGet and {debian} Debian packages";
        }
        var definition = statement["predicate"]?["buildDefinition"];
        var commit = definition?["externalParameters"]?["source"]?["commit"]?.GetValue<string>() ?? "?";
        var platform = definition?["internalParameters"]?["platform"]?.GetValue<string>() ?? "?";
        var builder = statement["predicate"]?["runDetails"]?["builder"]?["id"]?.GetValue<string>() ?? "?";
        return $"SLSA v1, signed, subject matches: commit {commit[..Math.Min(12, commit.Length)]}, {platform}, builder {builder}";
    }

    private static JsonNode? Json(byte[] bytes)
    {
        try { return JsonNode.Parse(bytes); }
        catch (JsonException) { return null; }
    }

    internal static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    private sealed record Layer(byte[] Blob, Dictionary<string, string> Annotations);

    /// <summary>The layers of the artifact under <paramref name="tag"/> with their annotations; null when the tag does not exist.</summary>
    private async Task<List<Layer>?> LayersAsync(string tag, CancellationToken ct)
    {
        if (await registry.GetRawAsync(repository, "manifests", tag, ct) is not { } manifest)
            return null;
        var layers = new List<Layer>();
        foreach (var layer in Json(manifest)?["layers"]?.AsArray() ?? [])
        {
            if (layer?["digest"]?.GetValue<string>() is not { } blobDigest)
                continue;
            var blob = await registry.GetRawAsync(repository, "blobs", blobDigest, ct) ?? [];
            var annotations = layer["annotations"]?.AsObject().ToDictionary(a => a.Key, a => a.Value?.ToString() ?? "") ?? [];
            layers.Add(new Layer(blob, annotations));
        }
        return layers;
    }
}
