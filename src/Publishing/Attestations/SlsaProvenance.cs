using System.Text.Json;
using System.Text.Json.Nodes;

namespace Publishing.Attestations;

/// <summary>
/// An in-toto Statement v1 (https://in-toto.io/Statement/v1) with a SLSA Provenance v1 predicate
/// (https://slsa.dev/provenance/v1): the subject is the image digest; buildDefinition says what was asked
/// (targets and parameters, secrets only by name), what was fixed (internal parameters) and what was resolved
/// (commit, base images, lock files); runDetails says who ran it and when.
/// </summary>
public static class SlsaProvenance
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://slsa.dev/provenance/v1";
    /// <summary>The DSSE payload type of an in-toto statement.</summary>
    public const string PayloadType = "application/vnd.in-toto+json";

    public static byte[] Write(ProvenanceFacts facts)
    {
        var parameters = new JsonObject();
        foreach (var parameter in facts.Parameters.Where(p => !p.IsSecret).OrderBy(p => p.Name, StringComparer.Ordinal))
            parameters[parameter.Name] = parameter.Value;
        var source = new JsonObject { ["commit"] = facts.Commit, ["dirty"] = facts.Dirty };
        if (facts.Remote is { } remote) source["repository"] = remote;
        if (facts.Branch is { } branch) source["ref"] = $"refs/heads/{branch}";

        var commit = new ResolvedDependency("source", facts.Remote is null ? null : $"git+{facts.Remote}",
            new Dictionary<string, string> { ["gitCommit"] = facts.Commit });
        var statement = new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = new JsonArray(new JsonObject
            {
                ["name"] = facts.Subject.Name,
                ["digest"] = new JsonObject { ["sha256"] = facts.Subject.DigestHex },
            }),
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = new JsonObject
                {
                    ["buildType"] = facts.BuildType,
                    ["externalParameters"] = new JsonObject
                    {
                        ["targets"] = new JsonArray([.. facts.Targets.Select(t => JsonValue.Create(t))]),
                        ["parameters"] = parameters,
                        // Which secrets were given, never their values: a verifier sees that a registry password was used.
                        ["secrets"] = new JsonArray([.. facts.Parameters.Where(p => p.IsSecret && p.IsSet)
                            .Select(p => JsonValue.Create(p.Name)).OrderBy(n => n!.GetValue<string>(), StringComparer.Ordinal)]),
                        ["source"] = source,
                    },
                    ["internalParameters"] = new JsonObject([.. facts.Internal.OrderBy(p => p.Key, StringComparer.Ordinal)
                        .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
                    ["resolvedDependencies"] = new JsonArray([.. facts.Dependencies.Prepend(commit).Select(Descriptor)]),
                },
                ["runDetails"] = new JsonObject
                {
                    ["builder"] = new JsonObject
                    {
                        ["id"] = facts.Builder.Id,
                        ["version"] = new JsonObject([.. facts.Builder.Version.OrderBy(p => p.Key, StringComparer.Ordinal)
                            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
                    },
                    ["metadata"] = Metadata(facts),
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(statement);
    }

    private static JsonObject Metadata(ProvenanceFacts facts)
    {
        var metadata = new JsonObject();
        if (facts.Builder.InvocationId is { } invocation)
            metadata["invocationId"] = invocation;
        metadata["startedOn"] = Rfc3339(facts.StartedOn);
        metadata["finishedOn"] = Rfc3339(facts.FinishedOn);
        return metadata;
    }

    private static JsonNode Descriptor(ResolvedDependency dependency)
    {
        var descriptor = new JsonObject { ["name"] = dependency.Name };
        if (dependency.Uri is { } uri)
            descriptor["uri"] = uri;
        descriptor["digest"] = new JsonObject([.. dependency.Digest.OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))]);
        return descriptor;
    }

    private static string Rfc3339(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
