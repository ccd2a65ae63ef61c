using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Publishing.Attestations;
using Publishing.Registry;

namespace Publishing.Verification;

/// <summary>What a rebuild gave: the local image to compare, or why no rebuild was done (<see cref="Failed"/>: and that this fails the verdict).</summary>
public sealed record RebuildOutcome(string? ImageId, string Detail, bool Failed = false)
{
    public static RebuildOutcome Built(string imageId, string detail) => new(imageId, detail);
    public static RebuildOutcome NotDone(string why) => new(null, why);
    public static RebuildOutcome Impossible(string why) => new(null, why, Failed: true);
}

/// <summary>
/// Verify's checks of one image reference, in order: (a) the reference resolved to a digest through the registry's API;
/// for the manifest, or for an index and each platform manifest in it: (b) signature, (c) provenance and SBOM
/// (<see cref="AttachmentVerifier"/>); (d) for each platform manifest, a rebuild from its verified provenance (the
/// caller's <c>rebuild</c>, which clones and builds) compared with the published manifest (<see cref="ImageComparison"/>).
/// </summary>
public sealed class ImageVerification(RegistryClient registry, IDockerClient docker, string publicKeyPem)
{
    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";
    private const string ListMediaType = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Runs every check; throws <see cref="ArgumentException"/> when the reference does not exist (the user's mistake).</summary>
    public async Task<VerificationReport> RunAsync(ImageReference image, Func<RecordedBuild, CancellationToken, Task<RebuildOutcome>> rebuild,
        CancellationToken ct = default)
    {
        var raw = await registry.GetRawAsync(image.Repository, "manifests", image.Reference, ct)
                  ?? throw new ArgumentException($"{image}: the registry has no such {(image.IsDigest ? "manifest" : "tag")} in repository {image.Repository}.");
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));
        if (image.IsDigest && digest != image.Reference)
            throw new InvalidOperationException($"{image}: the registry served a manifest whose sha256 is {digest}");
        var manifest = JsonNode.Parse(raw)!;
        var checks = new List<VerificationCheck>();
        var isIndex = manifest["mediaType"]?.GetValue<string>() is IndexMediaType or ListMediaType || manifest["manifests"] is JsonArray;
        var attachments = new AttachmentVerifier(registry, image.Repository, publicKeyPem);
        if (!isIndex)
        {
            checks.Add(VerificationCheck.Pass("image", "resolve", $"{image} → {digest}"));
            await CheckManifestAsync("image", digest, attachments, rebuild, checks, ct);
            return new VerificationReport(image.ToString(), digest, checks);
        }
        var platforms = manifest["manifests"]!.AsArray()
            .Select(m => ($"{m!["platform"]?["os"]?.GetValue<string>()}/{m["platform"]?["architecture"]?.GetValue<string>()}", m["digest"]!.GetValue<string>()))
            .ToList();
        checks.Add(VerificationCheck.Pass("index", "resolve", $"{image} → index {digest} ({string.Join(", ", platforms.Select(p => p.Item1))})"));
        checks.AddRange((await attachments.VerifyAsync("index", digest, ct)).Checks);
        foreach (var (platform, platformDigest) in platforms)
        {
            checks.Add(VerificationCheck.Pass(platform, "resolve", $"platform manifest {platformDigest}"));
            await CheckManifestAsync(platform, platformDigest, attachments, rebuild, checks, ct);
        }
        return new VerificationReport(image.ToString(), digest, checks);
    }

    private async Task CheckManifestAsync(string subject, string digest, AttachmentVerifier attachments,
        Func<RecordedBuild, CancellationToken, Task<RebuildOutcome>> rebuild, List<VerificationCheck> checks, CancellationToken ct)
    {
        var verdict = await attachments.VerifyAsync(subject, digest, ct);
        checks.AddRange(verdict.Checks);
        if (verdict.Provenance is null)
        {
            checks.Add(VerificationCheck.Fail(subject, "rebuild", "not done: there is no verified provenance to rebuild from"));
            return;
        }
        RecordedBuild recorded;
        try { recorded = RecordedBuild.From(verdict.Provenance); }
        catch (Exception e) when (e is AttestationException or InvalidOperationException or FormatException)
        {
            checks.Add(VerificationCheck.Fail(subject, "rebuild", $"not done: {e.Message}"));
            return;
        }
        if (recorded.Dirty)
        {
            checks.Add(VerificationCheck.Fail(subject, "rebuild", $"not done: the image was built from a checkout of {recorded.Commit[..12]} with " +
                                                                  "uncommitted changes, which no clone can reproduce"));
            return;
        }
        var outcome = await rebuild(recorded, ct);
        if (outcome.ImageId is null)
        {
            checks.Add(new VerificationCheck(subject, "rebuild", outcome.Failed ? CheckOutcome.Failed : CheckOutcome.NotDone, outcome.Detail));
            return;
        }
        var difference = await new ImageComparison(registry, attachments.Repository, docker).CompareAsync(digest, outcome.ImageId, ct);
        checks.Add(difference is null
            ? VerificationCheck.Pass(subject, "rebuild", $"{outcome.Detail}: image id {AttachmentVerifier.Short(outcome.ImageId)} and every layer equal the published manifest's")
            : VerificationCheck.Fail(subject, "rebuild", $"{outcome.Detail}, but it differs: {difference}"));
    }
}
