using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Publishing.Attestations;

/// <summary>The image an attestation is about: its name (registry/repository) and its manifest or image digest (sha256:…).</summary>
public sealed record AttestationSubject(string Name, string Digest)
{
    public string DigestHex => Digest.StartsWith("sha256:", StringComparison.Ordinal) && Digest.Length == 71
        ? Digest[7..]
        : throw new AttestationException($"'{Digest}' is not a sha256 digest (sha256: and 64 hex digits).");
}

/// <summary>
/// A CycloneDX 1.5 JSON SBOM of an image: the image as the metadata component (its purl names the digest), the
/// NuGet packages compiled into the binary and the Debian packages of the runtime base as components. The same
/// inputs give the same bytes (serial number from the digest, timestamp the source date), so the SBOM of a
/// reproduced image is reproduced too.
/// </summary>
public static class CycloneDxSbom
{
    public const string MediaType = "application/vnd.cyclonedx+json";

    public static byte[] Write(AttestationSubject subject, IReadOnlyList<SbomComponent> nuget, IReadOnlyList<SbomComponent> debian,
        DateTimeOffset timestamp, string toolVersion)
    {
        var imagePurl = PackageUrl.Oci(subject.Name.Split('/')[^1].Split(':')[0], subject.Digest, RepositoryUrl(subject.Name));
        var bom = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.5",
            ["serialNumber"] = "urn:uuid:" + DerivedUuid(subject.Digest),
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                ["tools"] = new JsonObject
                {
                    ["components"] = new JsonArray(new JsonObject { ["type"] = "application", ["name"] = "creditrobot-build", ["version"] = toolVersion }),
                },
                ["component"] = new JsonObject
                {
                    ["type"] = "container",
                    ["bom-ref"] = imagePurl,
                    ["name"] = subject.Name,
                    ["version"] = subject.Digest,
                    ["purl"] = imagePurl,
                },
            },
            ["components"] = new JsonArray([.. nuget.Select(c => Component(c, "nuget")), .. debian.Select(c => Component(c, "debian"))]),
        };
        return JsonSerializer.SerializeToUtf8Bytes(bom, new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode Component(SbomComponent c, string ecosystem)
    {
        var component = new JsonObject
        {
            ["type"] = "library",
            ["bom-ref"] = c.Purl,
            ["name"] = c.Name,
            ["version"] = c.Version,
            ["scope"] = c.BuildOnly ? "excluded" : "required",
        };
        if (c.Sha512Hex is { } hash)
            component["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-512", ["content"] = hash });
        if (c.Licence is { } licence)
            component["licenses"] = new JsonArray(new JsonObject { ["expression"] = licence });
        component["purl"] = c.Purl;
        component["properties"] = new JsonArray(new JsonObject { ["name"] = "creditrobot:ecosystem", ["value"] = ecosystem });
        return component;
    }

    /// <summary>registry/path of a name that starts with a registry host (has a dot, a port or is localhost); else null.</summary>
    private static string? RepositoryUrl(string name)
    {
        var slash = name.IndexOf('/');
        var host = slash > 0 ? name[..slash] : "";
        return host.Contains('.') || host.Contains(':') || host == "localhost" ? StripTag(name) : null;
    }

    private static string StripTag(string name)
    {
        var at = name.IndexOf('@');
        if (at >= 0) name = name[..at];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    /// <summary>A UUID (version 8, RFC 9562: vendor-defined) from a SHA-256 of the digest: the same image, the same serial number.</summary>
    private static Guid DerivedUuid(string digest)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("cyclonedx-serial:" + digest))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
