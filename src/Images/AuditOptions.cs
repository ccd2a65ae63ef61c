namespace Images;

public sealed record AuditOptions
{
    /// <summary>
    /// CA certificate files that only the build stage may trust (the host's extra CAs). Matched by content,
    /// also inside bundles, so a copied, renamed or concatenated certificate is found.
    /// </summary>
    public IReadOnlyList<string> BuildCertificates { get; init; } = [];

    /// <summary>The host's extra CA certificates from /usr/local/share/ca-certificates (what the bootstrapped SDK trusts).</summary>
    public static AuditOptions ForHost(string extraCaDirectory = "/usr/local/share/ca-certificates") => new()
    {
        BuildCertificates = Directory.Exists(extraCaDirectory)
            ? Directory.EnumerateFiles(extraCaDirectory, "*.crt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [],
    };
}
