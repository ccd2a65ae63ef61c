namespace Publishing.Versioning;

/// <summary>The version of a build and the image tags it is published under.</summary>
/// <param name="Version">SemVer, Docker-tag-safe (no '+'): also usable as the OCI version label.</param>
/// <param name="Tags">Version, <c>sha-&lt;12 hex&gt;</c>, and <c>latest</c> only from the default branch; from a tree with
/// uncommitted changes only <c>&lt;version&gt;-dirty</c>.</param>
/// <param name="Reason">One line saying why these tags (shown by the Publish target).</param>
public sealed record PublishTags(string Version, IReadOnlyList<string> Tags, string Reason)
{
    public const string Latest = "latest";

    /// <summary>Appended to the version of a working tree that differs from its commit (a SemVer pre-release part).</summary>
    public const string DirtySuffix = "-dirty";

    /// <summary>
    /// The rules, as a pure function:
    /// <list type="bullet">
    /// <item>a <c>vX.Y.Z</c> tag on HEAD → <c>X.Y.Z</c>;</item>
    /// <item>else the nearest <c>vX.Y.Z</c> N commits back → <c>X.Y.(Z+1)-preview.N.g&lt;sha7&gt;</c>;</item>
    /// <item>else (no release tag at all) → <c>0.1.0-dev.&lt;commit count&gt;.g&lt;sha7&gt;</c>.</item>
    /// </list>
    /// A working tree with uncommitted changes (<see cref="GitFacts.IsDirty"/>) gets that version plus <c>-dirty</c> as
    /// its only tag: its content is not the commit's, so it never takes the commit's tags or <c>latest</c>.
    /// SemVer build metadata ("+sha") is not allowed in Docker tags, so the commit goes into the
    /// pre-release as a "g"-prefixed identifier (git describe style; the prefix keeps an all-digit
    /// sha from becoming a numeric identifier with a leading zero).
    /// </summary>
    public static PublishTags From(GitFacts facts)
    {
        var (version, why) = VersionOf(facts);
        if (facts.IsDirty)
            return new PublishTags(version + DirtySuffix, [version + DirtySuffix],
                $"{why}; uncommitted changes ({facts.DescribeChanges()}): only '{version}{DirtySuffix}', never '{version}', 'sha-…' or '{Latest}'");
        var tags = new List<string> { version, "sha-" + facts.ShortSha };

        string latestNote;
        if (facts.IsPullRequest) latestNote = "pull request: no 'latest'";
        else if (facts.Branch is null) latestNote = "not on a branch: no 'latest'";
        else if (!string.Equals(facts.Branch, facts.DefaultBranch, StringComparison.Ordinal))
            latestNote = $"branch '{facts.Branch}' is not the default branch '{facts.DefaultBranch}': no 'latest'";
        else
        {
            tags.Add(Latest);
            latestNote = $"default branch '{facts.DefaultBranch}': 'latest'";
        }
        return new PublishTags(version, tags, $"{why}; {latestNote}");
    }

    private static (string Version, string Why) VersionOf(GitFacts facts)
    {
        var onHead = facts.TagsOnHead
            .Select(tag => (tag, release: ReleaseTag.TryParse(tag)))
            .Where(t => t.release is not null)
            .OrderByDescending(t => t.release!.Major).ThenByDescending(t => t.release!.Minor)
            .ThenByDescending(t => t.release!.Patch).ThenBy(t => t.release!.PreRelease is null ? 0 : 1)
            .FirstOrDefault();
        if (onHead.release is not null)
            return (onHead.release.Version, $"tag '{onHead.tag}' on HEAD");

        var sha7 = "g" + facts.Sha[..Math.Min(7, facts.Sha.Length)];
        var nearest = facts.NearestReleaseTag is null ? null : ReleaseTag.TryParse(facts.NearestReleaseTag);
        if (nearest is not null)
            return ($"{nearest.Major}.{nearest.Minor}.{nearest.Patch + 1}-preview.{facts.CommitsSinceReleaseTag}.{sha7}",
                $"{facts.CommitsSinceReleaseTag} commit(s) after '{facts.NearestReleaseTag}'");

        return ($"0.1.0-dev.{facts.CommitCount}.{sha7}", "no vX.Y.Z tag reachable");
    }
}
