namespace Publishing.Push;

/// <summary>One tag in the registry after publishing.</summary>
/// <param name="Reference">registry/repository:tag</param>
/// <param name="Digest">Manifest digest the registry reports for it (Docker-Content-Digest).</param>
/// <param name="Pushed">False when the registry already had this exact image under the tag.</param>
public sealed record PublishedReference(string Reference, string Digest, bool Pushed)
{
    /// <summary>registry/repository@sha256:… — what <see cref="PullProof"/> pulls.</summary>
    public string DigestReference => $"{Reference[..Reference.LastIndexOf(':')]}@{Digest}";

    public override string ToString() => $"{Reference}@{Digest}{(Pushed ? "" : " (unchanged)")}";
}

/// <summary>One platform's manifest under a published index, and the local image it was pushed from.</summary>
public sealed record PublishedPlatform(string Platform, string Digest, string ImageId);

public sealed record PublishResult(string ImageId, IReadOnlyList<PublishedReference> References)
{
    /// <summary>The platform manifests when <see cref="References"/> name an index; empty for a single image.</summary>
    public IReadOnlyList<PublishedPlatform> Platforms { get; init; } = [];

    /// <summary>True when every tag already pointed at this image: nothing was pushed.</summary>
    public bool NothingChanged => References.All(r => !r.Pushed);

    /// <summary>One line for the build summary, e.g. "pushed 3 tag(s) to 127.0.0.1:5000/creditrobot @ sha256:1a2b3c4d5e6f".</summary>
    public string Summary
    {
        get
        {
            var first = References[0].Reference;
            var target = first[..first.LastIndexOf(':')];
            var digests = string.Join(", ", References.Select(r => r.Digest.Length > 19 ? r.Digest[..19] : r.Digest).Distinct());
            var pushed = References.Count(r => r.Pushed);
            return NothingChanged
                ? $"unchanged: {target} already has {References.Count} tag(s) @ {digests}"
                : $"pushed {pushed} of {References.Count} tag(s) to {target} @ {digests}";
        }
    }
}
