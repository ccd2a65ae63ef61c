namespace Publishing.Attestations;

/// <summary>
/// One package in an image, as an SBOM lists it: its package URL (purl, the identifier scanners match advisories
/// against), the licence where the package says it, its SHA-512 where the lock file records it. <paramref name="BuildOnly"/>:
/// a build tool (the IL linker, the AOT compiler) that shaped the binary but whose code is not in it.
/// </summary>
public sealed record SbomComponent(string Name, string Version, string Purl, string? Licence = null, string? Sha512Hex = null,
    bool BuildOnly = false);

/// <summary>Package URLs (https://github.com/package-url/purl-spec): the parts percent-encoded, as the spec requires.</summary>
public static class PackageUrl
{
    /// <summary><c>pkg:nuget/Npgsql@10.0.0</c>.</summary>
    public static string NuGet(string name, string version) => $"pkg:nuget/{Encode(name)}@{Encode(version)}";

    /// <summary><c>pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64</c>.</summary>
    public static string Debian(string name, string version, string architecture) =>
        $"pkg:deb/debian/{Encode(name)}@{Encode(version)}?arch={Encode(architecture)}";

    /// <summary><c>pkg:oci/creditrobot@sha256%3A…?repository_url=registry/repo</c>: the image itself.</summary>
    public static string Oci(string name, string digest, string? repositoryUrl) =>
        $"pkg:oci/{Encode(name)}@{Encode(digest)}" + (repositoryUrl is null ? "" : $"?repository_url={Encode(repositoryUrl)}");

    private static string Encode(string part) => Uri.EscapeDataString(part).Replace("%2F", "/", StringComparison.Ordinal);
}
