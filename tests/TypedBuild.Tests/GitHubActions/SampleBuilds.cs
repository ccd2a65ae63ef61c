using TypedBuild.GitHubActions;

namespace TypedBuild.Tests.GitHubActions;

// The shape build/Build.cs declares: pull requests test, the default branch and v* tags publish.
[GitHubActions("pull-request", GitHubActionsImage.UbuntuLatest,
    OnPullRequestBranches = ["main"],
    ConcurrencyCancelInProgress = true,
    InvokedTargets = [nameof(Test), nameof(SmokeTest)],
    UploadArtifacts = ["artifacts/test-results/*.trx"])]
[GitHubActions("publish", GitHubActionsImage.UbuntuLatest,
    OnPushBranches = ["main"], OnPushTags = ["v*"],
    InvokedTargets = [nameof(Publish)],
    WritePermissions = [GitHubActionsPermission.Packages],
    ImportVariables = [nameof(Registry)],
    ImportSecrets = [nameof(RegistryUsername), nameof(RegistryPassword)],
    ImportFallbacks = ["REGISTRY_USERNAME=github.actor", "REGISTRY_PASSWORD=secrets.GITHUB_TOKEN"],
    UploadArtifacts = ["artifacts/test-results/*.trx"])]
internal sealed class SampleBuild
{
    public object? Test => null;
    public object? SmokeTest => null;
    public object? Publish => null;
    public string? Registry { get; set; }
    public string? RegistryUsername { get; set; }
    public string? RegistryPassword { get; set; }
}

[GitHubActions("ci", GitHubActionsImage.UbuntuLatest, OnPushBranches = ["main"], InvokedTargets = ["Publsh"])]
internal sealed class BuildWithTypo
{
    public object? Publish => null;
}

[GitHubActions("ci", GitHubActionsImage.UbuntuLatest, OnPushBranches = ["main"], InvokedTargets = [nameof(Test)])]
[GitHubActions("ci", GitHubActionsImage.Ubuntu2204, OnPushBranches = ["main"], InvokedTargets = [nameof(Test)])]
internal sealed class BuildWithDuplicateNames
{
    public object? Test => null;
}

[GitHubActions("matrix", GitHubActionsImage.Ubuntu2404, GitHubActionsImage.Ubuntu2204,
    OnWorkflowDispatch = true, InvokedTargets = [nameof(Test)], UploadArtifacts = ["a/*.trx", "b/*.trx"], FetchFullHistory = false)]
internal sealed class MatrixBuild
{
    public object? Test => null;
}
