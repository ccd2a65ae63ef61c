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

public sealed record PublishResult(string ImageId, IReadOnlyList<PublishedReference> References)
{
    /// <summary>True when every tag already pointed at this image: nothing was pushed.</summary>
    public bool NothingChanged => References.All(r => !r.Pushed);
}
