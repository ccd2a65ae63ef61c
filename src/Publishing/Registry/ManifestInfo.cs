namespace Publishing.Registry;

/// <summary>What the registry holds under one tag.</summary>
/// <param name="Digest">The manifest digest (Docker-Content-Digest): what <c>repo@sha256:…</c> pulls.</param>
/// <param name="MediaType">Docker v2 or OCI manifest (or an index).</param>
/// <param name="ConfigDigest">The image config digest, which equals the local image id; null for an index.</param>
public sealed record ManifestInfo(string Digest, string MediaType, string? ConfigDigest)
{
    /// <summary>Bytes of the manifest as served (what an index's descriptor names).</summary>
    public long Size { get; init; }
}
