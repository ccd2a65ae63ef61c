namespace DockerEngine;

/// <summary>Splits "registry:5000/team/app:1.2" into repository and tag (or digest) the way the engine's query parameters want them.</summary>
public readonly record struct ImageReference(string Repository, string? Tag, string? Digest = null)
{
    public static ImageReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var at = reference.IndexOf('@');
        if (at >= 0)
            return new ImageReference(reference[..at], null, reference[(at + 1)..]);
        // A ':' after the last '/' is a tag; before it, it is a registry port.
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/')
            ? new ImageReference(reference[..colon], reference[(colon + 1)..])
            : new ImageReference(reference, null);
    }

    public override string ToString() =>
        Digest is not null ? $"{Repository}@{Digest}" : Tag is not null ? $"{Repository}:{Tag}" : Repository;
}
