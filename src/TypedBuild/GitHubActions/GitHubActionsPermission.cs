namespace TypedBuild.GitHubActions;

/// <summary>
/// A scope of the workflow's <c>GITHUB_TOKEN</c>, as NUKE's <c>GitHubActionsPermissions</c>. The generated
/// workflow grants <c>contents: read</c> plus what <c>ReadPermissions</c>/<c>WritePermissions</c> name,
/// nothing else (GitHub's default token may be read-only, so a push to ghcr.io needs <c>Packages</c> write).
/// </summary>
public enum GitHubActionsPermission
{
    Actions,
    Attestations,
    Checks,
    Contents,
    Deployments,
    IdToken,
    Issues,
    Packages,
    Pages,
    PullRequests,
    SecurityEvents,
    Statuses,
}
