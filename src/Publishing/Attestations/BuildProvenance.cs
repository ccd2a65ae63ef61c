using Publishing.Versioning;
using TypedBuild;

namespace Publishing.Attestations;

/// <summary>A base image a manifest was built from: its role (sdk or runtime), the name the build used and its image id.</summary>
public sealed record BaseImageUsed(string Platform, string Role, string Name, string Id);

/// <summary>
/// The provenance of this repository's Publish (the build type docs/provenance.md#build-type-v1 describes): what one
/// run knows once, and per manifest its platform, image id and base images. <see cref="Verification.RecordedBuild"/>
/// reads the same keys back to rebuild.
/// </summary>
public sealed record BuildProvenance(
    GitFacts Git,
    string Registry,
    string LockFileSha256,
    IReadOnlyList<ParameterValue> Parameters,
    DateTimeOffset SourceDate,
    string Version,
    ProvenanceBuilder Builder,
    DateTimeOffset StartedOn)
{
    public const string PlatformKey = "platform", ImageIdKey = "imageId", SourceDateKey = "sourceDateEpoch", VersionKey = "version",
        SdkImageKey = "sdkImage", RuntimeImageKey = "runtimeImage", LockFileName = "src/CreditRobot/packages.lock.json";

    /// <summary>The in-toto statement about <paramref name="subject"/>; one base pair: a platform's image; several: an index over them.</summary>
    public byte[] Write(AttestationSubject subject, string platform, string? imageId, IReadOnlyList<BaseImageUsed> bases)
    {
        var single = bases.Select(b => b.Platform).Distinct().Count() == 1;
        var internals = new Dictionary<string, string>
        {
            [PlatformKey] = platform, [SourceDateKey] = SourceDate.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [VersionKey] = Version, ["registry"] = Registry,
        };
        if (imageId is not null) internals[ImageIdKey] = imageId;
        foreach (var image in bases.Where(_ => single))
            internals[image.Role == "sdk" ? SdkImageKey : RuntimeImageKey] = image.Name;
        return SlsaProvenance.Write(new ProvenanceFacts
        {
            Subject = subject,
            BuildType = (Git.SourceUrl is { } url ? $"{url}/blob/main/docs/provenance.md" : "urn:creditrobot:docs:provenance") + "#build-type-v1",
            Targets = ["Publish"],
            Parameters = Parameters,
            Commit = Git.Sha,
            Remote = Git.SourceUrl,
            Branch = Git.Branch,
            Dirty = Git.IsDirty,
            Internal = internals,
            Dependencies =
            [
                .. bases.DistinctBy(b => b.Name).Select(b => new ResolvedDependency(b.Name, null, new Dictionary<string, string> { ["sha256"] = b.Id.Replace("sha256:", "") })),
                new(LockFileName, null, new Dictionary<string, string> { ["sha256"] = LockFileSha256 }),
            ],
            Builder = Builder,
            StartedOn = StartedOn,
            FinishedOn = DateTimeOffset.UtcNow,
        });
    }
}
