using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Publishing.Signing;

/// <summary>
/// What cosign stores beside an image (its SIGNATURE_SPEC and ATTESTATION_SPEC): the "simple signing" payload a
/// signature is over, the DSSE envelope an attestation travels in, the tags (<c>sha256-&lt;hex&gt;.sig/.att/.sbom</c>),
/// media types and annotations a verifier (cosign, Kyverno, Sigstore's policy controller) looks for.
/// </summary>
public static class CosignPayloads
{
    public const string SimpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json";
    public const string DsseMediaType = "application/vnd.dsse.envelope.v1+json";
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";
    public const string PredicateTypeAnnotation = "predicateType";

    /// <summary>The tag cosign's tag scheme gives an image digest's signature (.sig), attestations (.att) or SBOM (.sbom).</summary>
    public static string Tag(string manifestDigest, string suffix) => manifestDigest.Replace(':', '-') + "." + suffix;

    /// <summary>The payload a cosign signature is over: the image's repository and manifest digest.</summary>
    public static byte[] SimpleSigning(string dockerReference, string manifestDigest) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["critical"] = new JsonObject
        {
            ["identity"] = new JsonObject { ["docker-reference"] = dockerReference },
            ["image"] = new JsonObject { ["docker-manifest-digest"] = manifestDigest },
            ["type"] = "cosign container image signature",
        },
        ["optional"] = null,
    });

    /// <summary>A DSSE envelope (https://github.com/secure-systems-lab/dsse) of <paramref name="payload"/>, signed over its PAE.</summary>
    public static byte[] DsseEnvelope(string payloadType, byte[] payload, SigningKey key) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["payloadType"] = payloadType,
        ["payload"] = Convert.ToBase64String(payload),
        ["signatures"] = new JsonArray(new JsonObject { ["keyid"] = "", ["sig"] = Convert.ToBase64String(key.Sign(PreAuthEncoding(payloadType, payload))) }),
    });

    /// <summary>Reads a DSSE envelope and checks its signature with <paramref name="publicKeyPem"/>; the payload when it verifies, else null.</summary>
    public static byte[]? OpenDsseEnvelope(byte[] envelope, string publicKeyPem, out string payloadType)
    {
        var json = JsonNode.Parse(envelope)!;
        payloadType = json["payloadType"]!.GetValue<string>();
        var payload = Convert.FromBase64String(json["payload"]!.GetValue<string>());
        var pae = PreAuthEncoding(payloadType, payload);
        foreach (var signature in json["signatures"]!.AsArray())
            if (SigningKey.Verify(publicKeyPem, pae, Convert.FromBase64String(signature!["sig"]!.GetValue<string>())))
                return payload;
        return null;
    }

    /// <summary>DSSE's pre-authentication encoding: "DSSEv1 &lt;len&gt; &lt;type&gt; &lt;len&gt; &lt;body&gt;" (lengths in bytes).</summary>
    public static byte[] PreAuthEncoding(string payloadType, byte[] payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        return [.. Encoding.ASCII.GetBytes($"DSSEv1 {type.Length} "), .. type, .. Encoding.ASCII.GetBytes($" {payload.Length} "), .. payload];
    }
}
