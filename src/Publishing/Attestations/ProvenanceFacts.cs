using TypedBuild;

namespace Publishing.Attestations;

/// <summary>An input the build resolved and used: a git commit, a base image, a lock file; what identifies it.</summary>
/// <param name="Digest">Algorithm → hex, e.g. sha256 → …, gitCommit → the 40-hex id.</param>
public sealed record ResolvedDependency(string Name, string? Uri, IReadOnlyDictionary<string, string> Digest);

/// <summary>Who ran the build: a GitHub workflow run (from its GITHUB_* variables) or a local machine, with facts about it.</summary>
public sealed record ProvenanceBuilder(string Id, string? InvocationId, IReadOnlyDictionary<string, string> Version)
{
    /// <summary>
    /// The builder of this run: on GitHub Actions the workflow file at its ref (the id SLSA's GitHub builders use) and the
    /// run as invocation; elsewhere <c>local</c> (a URN, as the id must be a URI) with the host's name, OS and .NET.
    /// </summary>
    public static ProvenanceBuilder FromEnvironment(Func<string, string?> environment)
    {
        if (environment("GITHUB_ACTIONS") == "true" && environment("GITHUB_REPOSITORY") is { Length: > 0 } repository)
        {
            var server = environment("GITHUB_SERVER_URL") ?? "https://github.com";
            var workflow = environment("GITHUB_WORKFLOW_REF") is { Length: > 0 } reference ? $"{server}/{reference}" : $"{server}/{repository}/.github/workflows";
            var run = $"{server}/{repository}/actions/runs/{environment("GITHUB_RUN_ID")}/attempts/{environment("GITHUB_RUN_ATTEMPT") ?? "1"}";
            return new ProvenanceBuilder(workflow, run, Facts(("runner.os", environment("RUNNER_OS")), ("runner.arch", environment("RUNNER_ARCH")),
                ("runner.environment", environment("RUNNER_ENVIRONMENT")), ("dotnet", Environment.Version.ToString())));
        }
        return new ProvenanceBuilder("urn:creditrobot:builder:local", null, Facts(("host", Environment.MachineName),
            ("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription), ("dotnet", Environment.Version.ToString())));
    }

    private static IReadOnlyDictionary<string, string> Facts(params (string Key, string? Value)[] facts) =>
        facts.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => f.Value!);
}

/// <summary>Everything a provenance statement says: what was built, from what, how, by whom, when.</summary>
public sealed record ProvenanceFacts
{
    public required AttestationSubject Subject { get; init; }
    /// <summary>A URI naming this kind of build (its documentation): what the external parameters mean.</summary>
    public required string BuildType { get; init; }
    /// <summary>The targets the user asked for (e.g. Publish).</summary>
    public required IReadOnlyList<string> Targets { get; init; }
    /// <summary>Every parameter of the build (the build script's own list): a secret comes without its value, by name only.</summary>
    public required IReadOnlyList<ParameterValue> Parameters { get; init; }
    /// <summary>The checkout: commit, remote (null: none), branch, and whether it had uncommitted changes.</summary>
    public required string Commit { get; init; }
    public string? Remote { get; init; }
    public string? Branch { get; init; }
    public bool Dirty { get; init; }
    /// <summary>Settings of this build that the user did not choose: platform, source date, SDK version.</summary>
    public IReadOnlyDictionary<string, string> Internal { get; init; } = new Dictionary<string, string>();
    /// <summary>Base images by digest, lock files by hash, the SDK by version (besides the commit, added by the writer).</summary>
    public IReadOnlyList<ResolvedDependency> Dependencies { get; init; } = [];
    public required ProvenanceBuilder Builder { get; init; }
    public required DateTimeOffset StartedOn { get; init; }
    public required DateTimeOffset FinishedOn { get; init; }
}
