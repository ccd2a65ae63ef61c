namespace TypedBuild.GitHubActions;

/// <summary>
/// Declares a GitHub Actions workflow on the build class, the way NUKE's <c>[GitHubActions]</c> does:
/// <code>
/// [GitHubActions("pull-request", GitHubActionsImage.UbuntuLatest,
///     OnPullRequestBranches = ["main"], InvokedTargets = [nameof(Test), nameof(SmokeTest)],
///     UploadArtifacts = ["artifacts/test-results/*.trx"])]
/// </code>
/// The build writes <c>.github/workflows/&lt;name&gt;.yml</c> from it (see <see cref="GitHubActionsWorkflowWriter"/>).
/// One attribute = one workflow file; each image becomes one job running <c>./build.sh &lt;targets&gt;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class GitHubActionsAttribute(string name, GitHubActionsImage image, params GitHubActionsImage[] images) : Attribute
{
    /// <summary>Workflow name and file name (<c>.github/workflows/&lt;name&gt;.yml</c>).</summary>
    public string Name { get; } = name;

    public IReadOnlyList<GitHubActionsImage> Images { get; } = [image, .. images];

    /// <summary>Branches whose pushes run the workflow (e.g. the default branch).</summary>
    public string[] OnPushBranches { get; set; } = [];

    /// <summary>Tag patterns whose pushes run the workflow (e.g. <c>v*</c>).</summary>
    public string[] OnPushTags { get; set; } = [];

    /// <summary>Target branches of pull requests that run the workflow.</summary>
    public string[] OnPullRequestBranches { get; set; } = [];

    /// <summary>Adds a manual "Run workflow" button.</summary>
    public bool OnWorkflowDispatch { get; set; }

    /// <summary>Targets passed to <c>./build.sh</c>; each must be a member of the build class.</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>
    /// Parameters filled from repository secrets. A parameter name (<c>nameof(RegistryPassword)</c>) or an
    /// environment name (<c>REGISTRY_PASSWORD</c>) both become <c>REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}</c>
    /// in the step's environment, which the build reads as the parameter's environment variable.
    /// </summary>
    public string[] ImportSecrets { get; set; } = [];

    /// <summary>
    /// Parameters filled from repository variables (not secret), e.g. <c>nameof(Registry)</c> →
    /// <c>REGISTRY: ${{ vars.REGISTRY }}</c>. An unset variable arrives empty, which the build treats as not given.
    /// </summary>
    public string[] ImportVariables { get; set; } = [];

    /// <summary>
    /// <c>NAME=expression</c>: when the imported secret or variable NAME is unset, the step uses the expression,
    /// e.g. <c>"REGISTRY_PASSWORD=secrets.GITHUB_TOKEN"</c> → <c>${{ secrets.REGISTRY_PASSWORD || secrets.GITHUB_TOKEN }}</c>
    /// (with <c>WritePermissions = [Packages]</c>, a push to ghcr.io then needs no secret at all).
    /// </summary>
    public string[] ImportFallbacks { get; set; } = [];

    /// <summary>Files hashed into the NuGet cache key (actions/cache).</summary>
    public string[] CacheKeyFiles { get; set; } = ["**/packages.lock.json"];

    /// <summary>Directories the cache saves and restores.</summary>
    public string[] CachePaths { get; set; } = ["~/.nuget/packages"];

    /// <summary>Globs uploaded with actions/upload-artifact, also when the build failed (<c>if: always()</c>).</summary>
    public string[] UploadArtifacts { get; set; } = [];

    /// <summary>Name of the uploaded artifact (suffixed with the job when there are several images).</summary>
    public string ArtifactName { get; set; } = "test-results";

    public int TimeoutMinutes { get; set; } = 60;

    /// <summary>Register QEMU user-mode emulation (docker/setup-qemu-action) before the build, so images for another
    /// architecture (linux/arm64 on an amd64 runner) can run; hosted runners register none by themselves.</summary>
    public bool EmulateOtherPlatforms { get; set; }

    /// <summary>Token scopes granted read access besides <c>contents: read</c> (always granted: checkout needs it).</summary>
    public GitHubActionsPermission[] ReadPermissions { get; set; } = [];

    /// <summary>Token scopes granted write access, e.g. <c>[GitHubActionsPermission.Packages]</c> to push to ghcr.io.</summary>
    public GitHubActionsPermission[] WritePermissions { get; set; } = [];

    /// <summary>Runs sharing this group wait for each other; null: no <c>concurrency</c> block.</summary>
    public string? ConcurrencyGroup { get; set; } = "${{ github.workflow }}-${{ github.ref }}";

    /// <summary>A new run cancels the group's running one (right for pull requests; never for a publish).</summary>
    public bool ConcurrencyCancelInProgress { get; set; }

    /// <summary>The SDK is installed from this file with actions/setup-dotnet (so the runner's preinstalled
    /// SDK never decides); null: no setup step (build.sh's own bootstrapper installs it).</summary>
    public string? GlobalJsonFile { get; set; } = "global.json";

    /// <summary>Full history and tags (fetch-depth: 0): the version comes from the nearest vX.Y.Z tag.</summary>
    public bool FetchFullHistory { get; set; } = true;
}
