using TypedBuild.GitHubActions;

/// <summary>The CI workflows, written to .github/workflows/ from these declarations (./build.sh --generate-workflows).</summary>
[GitHubActions("pull-request", GitHubActionsImage.UbuntuLatest,
    OnPullRequestBranches = ["main"],
    InvokedTargets = [nameof(Test), nameof(SmokeTest)],
    ConcurrencyCancelInProgress = true,
    UploadArtifacts = ["artifacts/test-results/*.trx"])]
// Manifests after Publish: the digest-pinned copy in artifacts/kubernetes is the one to apply.
// GHCR names an image <owner>/<name>: without the REPOSITORY variable, the repository's own name is used.
[GitHubActions("publish", GitHubActionsImage.UbuntuLatest,
    OnPushBranches = ["main"], OnPushTags = ["v*"],
    InvokedTargets = [nameof(Publish), nameof(Manifests)],
    WritePermissions = [GitHubActionsPermission.Packages],
    ImportVariables = [nameof(Registry), nameof(Repository)],
    ImportSecrets = [nameof(RegistryUsername), nameof(RegistryPassword)],
    ImportFallbacks = ["REPOSITORY=github.repository", "REGISTRY_USERNAME=github.actor", "REGISTRY_PASSWORD=secrets.GITHUB_TOKEN"],
    EmulateOtherPlatforms = true, // Publish smoke-tests the linux/arm64 image under emulation
    ArtifactName = "publish",
    UploadArtifacts = ["artifacts/test-results/*.trx", "artifacts/kubernetes/", "artifacts/attestations/"])]
internal sealed partial class Build;
