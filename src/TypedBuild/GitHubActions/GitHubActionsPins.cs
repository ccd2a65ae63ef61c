namespace TypedBuild.GitHubActions;

/// <summary>A third-party action pinned to a full commit SHA (a tag can be moved; a commit cannot).</summary>
public sealed record PinnedAction(string Repository, string Sha, string Version)
{
    /// <summary>The <c>uses:</c> value; the version follows it as a YAML comment (Dependabot/Renovate read it).</summary>
    internal YamlCommented Uses => new($"{Repository}@{Sha}", Version);
}

/// <summary>
/// The actions the generated workflows use. The SHAs are the commits the release tags point at, taken from
/// public workflows that pin them (this machine cannot reach GitHub to resolve tags itself); to bump one,
/// <c>git ls-remote https://github.com/actions/checkout refs/tags/v4.2.2</c> and replace both fields.
/// </summary>
public static class GitHubActionsPins
{
    public static readonly PinnedAction Checkout = new("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");
    public static readonly PinnedAction SetupDotNet = new("actions/setup-dotnet", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1");
    public static readonly PinnedAction Cache = new("actions/cache", "5a3ec84eff668545956fd18022155c47e93e2684", "v4.2.3");
    public static readonly PinnedAction UploadArtifact = new("actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2");
    public static readonly PinnedAction SetupQemu = new("docker/setup-qemu-action", "29109295f81e9208d7d86ff1c6c12d2833863392", "v3.6.0");

    public static IReadOnlyList<PinnedAction> All { get; } = [Checkout, SetupDotNet, Cache, UploadArtifact, SetupQemu];
}
