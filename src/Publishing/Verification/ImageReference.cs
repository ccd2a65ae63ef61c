using Publishing.Registry;

namespace Publishing.Verification;

/// <summary>
/// An image in a registry as a user writes it: <c>registry/repository:tag</c> or <c>registry/repository@sha256:…</c>
/// (the registry part is required: Verify talks to the registry's API, not to an engine's configured default).
/// </summary>
public sealed record ImageReference(RegistryAddress Registry, string Repository, string Reference)
{
    public bool IsDigest => Reference.StartsWith("sha256:", StringComparison.Ordinal);

    public override string ToString() => $"{Registry}/{Repository}{(IsDigest ? "@" : ":")}{Reference}";

    /// <summary>The reference, or an <see cref="ArgumentException"/> whose message says what was expected.</summary>
    public static ImageReference Parse(string text)
    {
        const string expected = "expected registry/repository:tag or registry/repository@sha256:<64 hex>, e.g. 127.0.0.1:5000/creditrobot:latest";
        var slash = text.IndexOf('/');
        if (slash <= 0)
            throw new ArgumentException($"'{text}' names no registry; {expected}");
        RegistryAddress registry;
        try { registry = new RegistryAddress(text[..slash]); }
        catch (ArgumentException e) { throw new ArgumentException($"'{text}': {e.Message}"); }
        var rest = text[(slash + 1)..];
        var at = rest.IndexOf('@');
        var colon = rest.LastIndexOf(':');
        var (repository, reference) = at >= 0 ? (rest[..at], rest[(at + 1)..])
            : colon > rest.LastIndexOf('/') ? (rest[..colon], rest[(colon + 1)..])
            : (rest, "latest");
        if (repository.Length == 0 || repository != repository.ToLowerInvariant() || reference.Length == 0)
            throw new ArgumentException($"'{text}' is not an image reference; {expected}");
        if (at >= 0 && !(reference.StartsWith("sha256:", StringComparison.Ordinal) && reference.Length == 71 && reference[7..].All(char.IsAsciiHexDigitLower)))
            throw new ArgumentException($"'{text}': '{reference}' is not a sha256 digest; {expected}");
        return new ImageReference(registry, repository, reference);
    }
}
