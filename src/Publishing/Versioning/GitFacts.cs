namespace Publishing.Versioning;

/// <summary>
/// What the publish tags depend on, read once from git and the CI environment.
/// A plain record so the tag rules are a pure function that tests can feed directly.
/// </summary>
/// <param name="Sha">Full 40-hex commit id of HEAD.</param>
/// <param name="Branch">Branch being built; null when detached or building a tag.</param>
/// <param name="DefaultBranch">The repository's default branch (e.g. "main").</param>
/// <param name="IsPullRequest">True for pull request builds: they never get <c>latest</c>.</param>
/// <param name="TagsOnHead">Every git tag that points at HEAD.</param>
/// <param name="NearestReleaseTag">Closest <c>vX.Y.Z</c> tag reachable from HEAD, or null.</param>
/// <param name="CommitsSinceReleaseTag">Commits between that tag and HEAD.</param>
/// <param name="CommitCount">Commits reachable from HEAD (orders dev versions when no tag exists).</param>
public sealed record GitFacts(
    string Sha,
    string? Branch,
    string DefaultBranch,
    bool IsPullRequest,
    IReadOnlyList<string> TagsOnHead,
    string? NearestReleaseTag,
    int CommitsSinceReleaseTag,
    int CommitCount)
{
    /// <summary>Committer time of HEAD: the image's created label, so the same commit builds the same image id.</summary>
    public DateTimeOffset? CommitTime { get; init; }

    /// <summary>
    /// Browsable https URL of the repository (org.opencontainers.image.source), from origin's URL without user or
    /// password; null when there is no origin or it is not a web-hosted repository (a local path).
    /// </summary>
    public string? SourceUrl { get; init; }

    /// <summary>
    /// Paths <c>git status --porcelain</c> reports (modified, staged, deleted, renamed, untracked and not ignored):
    /// what makes the tree differ from <see cref="Sha"/>. Empty for a clean checkout.
    /// </summary>
    public IReadOnlyList<string> ChangedPaths { get; init; } = [];

    /// <summary>The working tree differs from the commit: its images do not carry the commit's tags (and provenance records it).</summary>
    public bool IsDirty => ChangedPaths.Count > 0;

    /// <summary>"2 changed files: a.cs, b.cs" or "7 changed files: a, b, c and 4 more": the first few, for a message.</summary>
    public string DescribeChanges(int show = 3) =>
        $"{ChangedPaths.Count} changed file{(ChangedPaths.Count == 1 ? "" : "s")}: {string.Join(", ", ChangedPaths.Take(show))}" +
        (ChangedPaths.Count > show ? $" and {ChangedPaths.Count - show} more" : "");

    public string ShortSha => Sha.Length >= 12 ? Sha[..12] : Sha;
}
