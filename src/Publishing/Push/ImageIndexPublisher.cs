using System.Text.Json;
using Publishing.Registry;

namespace Publishing.Push;

/// <summary>One platform's image as the registry holds it: what an index entry points at.</summary>
/// <param name="Platform">os/architecture, e.g. linux/arm64.</param>
public sealed record PlatformManifest(string Platform, string Digest, string MediaType, long Size)
{
    public override string ToString() => $"{Platform} {Digest}";
}

/// <summary>
/// Puts an OCI image index over already pushed platform images under every tag, through the registry's HTTP API
/// (engine 20.10 can push images but not an index). The index bytes depend only on the entries, in the order given,
/// so the same images give the same index digest.
/// </summary>
public sealed class ImageIndexPublisher(Action<string>? log = null)
{
    public const string MediaType = "application/vnd.oci.image.index.v1+json";

    private readonly Action<string> _log = log ?? (_ => { });

    /// <summary>The index document: schema 2, one descriptor per platform with its os and architecture.</summary>
    public static byte[] Create(IReadOnlyList<PlatformManifest> manifests) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        schemaVersion = 2,
        mediaType = MediaType,
        manifests = manifests.Select(m => new
        {
            mediaType = m.MediaType,
            digest = m.Digest,
            size = m.Size,
            platform = new { architecture = m.Platform.Split('/')[1], os = m.Platform.Split('/')[0] },
        }),
    });

    /// <summary>
    /// The index over <paramref name="manifests"/> under each of <paramref name="tags"/> of <paramref name="repository"/>;
    /// every tag's reference carries the index digest (what <c>repository@sha256:…</c> pulls on any of the platforms).
    /// </summary>
    public async Task<PublishResult> PublishAsync(RegistryAddress registry, RegistryCredentials? credentials, string repository,
        IReadOnlyList<string> tags, IReadOnlyList<PlatformManifest> manifests, string hostImageId, CancellationToken ct = default)
    {
        if (manifests.Count == 0)
            throw new ArgumentException("An index needs at least one platform's manifest.", nameof(manifests));
        var index = Create(manifests);
        using var client = new RegistryClient(registry, credentials);
        var references = new List<PublishedReference>();
        foreach (var tag in tags)
        {
            var current = await client.GetManifestAsync(repository, tag, ct);
            var digest = await client.PutManifestAsync(repository, tag, MediaType, index, ct);
            references.Add(new PublishedReference($"{registry}/{repository}:{tag}", digest, Pushed: current?.Digest != digest));
        }
        _log($"Index {references[0].Digest} ({string.Join(", ", manifests.Select(m => m.Platform))}) under {string.Join(", ", tags)}");
        foreach (var manifest in manifests)
            _log($"  {manifest.Platform}: {registry}/{repository}@{manifest.Digest}");
        return new PublishResult(hostImageId, references);
    }
}
