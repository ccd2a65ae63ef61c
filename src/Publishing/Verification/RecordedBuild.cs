using System.Text.Json.Nodes;
using Publishing.Attestations;

namespace Publishing.Verification;

/// <summary>A base image as provenance records it: the name the build used and its image id.</summary>
public sealed record RecordedImage(string Name, string Id);

/// <summary>
/// What a rebuild needs from a verified provenance statement (<see cref="SlsaProvenance"/>): the commit and remote, the
/// platform, source date and version the image carries, the base images by id, and every parameter as given.
/// </summary>
public sealed record RecordedBuild(
    string Platform,
    string Commit,
    string? Remote,
    bool Dirty,
    DateTimeOffset SourceDate,
    string Version,
    RecordedImage Sdk,
    RecordedImage Runtime,
    IReadOnlyDictionary<string, string?> Parameters)
{
    /// <summary>The build recorded in <paramref name="statement"/>; an <see cref="AttestationException"/> names the field that is missing.</summary>
    public static RecordedBuild From(JsonNode statement)
    {
        var definition = statement["predicate"]?["buildDefinition"] ?? throw Missing("predicate.buildDefinition");
        var external = definition["externalParameters"] ?? throw Missing("externalParameters");
        var source = external["source"] ?? throw Missing("externalParameters.source");
        var internals = definition["internalParameters"]?.AsObject() ?? throw Missing("internalParameters");
        string Internal(string key) => internals[key]?.GetValue<string>() ?? throw Missing($"internalParameters.{key}");
        var dependencies = definition["resolvedDependencies"]?.AsArray() ?? throw Missing("resolvedDependencies");
        RecordedImage Image(string key)
        {
            var name = Internal(key);
            var hex = dependencies.FirstOrDefault(d => d?["name"]?.GetValue<string>() == name)?["digest"]?["sha256"]?.GetValue<string>()
                      ?? throw Missing($"resolvedDependencies[name={name}].digest.sha256");
            return new RecordedImage(name, "sha256:" + hex);
        }
        var epoch = long.TryParse(Internal(BuildProvenance.SourceDateKey), out var seconds) ? seconds : throw Missing("internalParameters.sourceDateEpoch (whole seconds)");
        return new RecordedBuild(
            Internal(BuildProvenance.PlatformKey),
            source["commit"]?.GetValue<string>() ?? throw Missing("externalParameters.source.commit"),
            source["repository"]?.GetValue<string>(),
            source["dirty"]?.GetValue<bool>() ?? false,
            DateTimeOffset.FromUnixTimeSeconds(epoch),
            Internal(BuildProvenance.VersionKey),
            Image(BuildProvenance.SdkImageKey),
            Image(BuildProvenance.RuntimeImageKey),
            external["parameters"]?.AsObject().ToDictionary(p => p.Key, p => p.Value?.GetValue<string>()) ?? []);
    }

    private static AttestationException Missing(string field) =>
        new($"the provenance has no {field}: it was not written by this build's Publish (docs/provenance.md#build-type-v1)");
}
