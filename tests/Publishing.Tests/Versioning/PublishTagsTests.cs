using Publishing.Versioning;

namespace Publishing.Tests.Versioning;

public sealed class PublishTagsTests
{
    private const string Sha = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    private static GitFacts Facts(string? branch = "main", bool pr = false, string[]? tagsOnHead = null,
        string? nearest = null, int since = 0, int count = 42, string defaultBranch = "main") =>
        new(Sha, branch, defaultBranch, pr, tagsOnHead ?? [], nearest, since, count);

    [Fact]
    public void A_release_tag_on_head_is_the_version()
    {
        var tags = PublishTags.From(Facts(branch: null, tagsOnHead: ["v1.4.2"], nearest: "v1.4.2"));

        tags.Version.Should().Be("1.4.2");
        tags.Tags.Should().Equal("1.4.2", "sha-1a2b3c4d5e6f");
    }

    [Fact]
    public void A_release_tag_on_the_default_branch_also_gets_latest()
    {
        PublishTags.From(Facts(tagsOnHead: ["v2.0.0"])).Tags.Should().Equal("2.0.0", "sha-1a2b3c4d5e6f", "latest");
    }

    [Fact]
    public void Commits_after_a_release_tag_give_a_preview_of_the_next_patch()
    {
        var tags = PublishTags.From(Facts(branch: "feature/x", nearest: "v1.4.2", since: 3));

        tags.Version.Should().Be("1.4.3-preview.3.g1a2b3c4");
        tags.Tags.Should().Equal("1.4.3-preview.3.g1a2b3c4", "sha-1a2b3c4d5e6f");
        tags.Reason.Should().Contain("3 commit(s) after 'v1.4.2'").And.Contain("'feature/x' is not the default branch");
    }

    [Fact]
    public void No_release_tag_gives_a_dev_version_ordered_by_commit_count()
    {
        PublishTags.From(Facts(count: 17)).Version.Should().Be("0.1.0-dev.17.g1a2b3c4");
    }

    [Fact]
    public void Only_the_default_branch_gets_latest()
    {
        PublishTags.From(Facts(branch: "main")).Tags.Should().Contain("latest");
        PublishTags.From(Facts(branch: "develop")).Tags.Should().NotContain("latest");
        PublishTags.From(Facts(branch: "trunk", defaultBranch: "trunk")).Tags.Should().Contain("latest");
        PublishTags.From(Facts(branch: null)).Tags.Should().NotContain("latest");
    }

    [Fact]
    public void Pull_requests_never_get_latest_even_from_the_default_branch()
    {
        var tags = PublishTags.From(Facts(branch: "main", pr: true, tagsOnHead: ["v3.0.0"]));

        tags.Tags.Should().NotContain("latest");
        tags.Reason.Should().Contain("pull request");
    }

    [Fact]
    public void Non_release_tags_on_head_are_ignored_and_the_highest_release_wins()
    {
        PublishTags.From(Facts(tagsOnHead: ["deploy-7", "v1.0.0", "v1.10.0", "v1.9.9", "v1.10.0-rc.1"])).Version.Should().Be("1.10.0");
        PublishTags.From(Facts(tagsOnHead: ["release", "v01.2.3"], nearest: "v1.0.0", since: 2)).Version.Should().StartWith("1.0.1-preview.2.");
    }

    [Fact]
    public void A_pre_release_tag_on_head_keeps_its_pre_release()
    {
        PublishTags.From(Facts(tagsOnHead: ["v2.0.0-rc.1"])).Version.Should().Be("2.0.0-rc.1");
    }

    [Theory]
    [InlineData(null, new string[0], 0, "0.1.0-dev.42.g1a2b3c4-dirty")]
    [InlineData("main", new[] { "v2.0.0" }, 0, "2.0.0-dirty")]
    [InlineData("main", new[] { "v2.0.0-rc.1" }, 0, "2.0.0-rc.1-dirty")]
    [InlineData("feature/x", new string[0], 3, "1.4.3-preview.3.g1a2b3c4-dirty")]
    public void A_dirty_tree_gets_only_the_dirty_version_never_the_commits_tags_or_latest(string? branch, string[] onHead, int since, string expected)
    {
        var clean = PublishTags.From(Facts(branch, tagsOnHead: onHead, nearest: since > 0 ? "v1.4.2" : null, since: since));
        var dirty = PublishTags.From(Facts(branch, tagsOnHead: onHead, nearest: since > 0 ? "v1.4.2" : null, since: since)
            with { ChangedPaths = ["src/CreditRobot/Program.cs"] });

        dirty.Version.Should().Be(expected).And.Be(clean.Version + "-dirty");
        dirty.Tags.Should().Equal(expected);
        dirty.Tags.Should().NotIntersectWith(clean.Tags, "the commit's tags name the commit's content");
        dirty.Reason.Should().Contain("uncommitted changes (1 changed file: src/CreditRobot/Program.cs)");
    }

    [Fact]
    public void The_changes_are_named_three_at_most()
    {
        var facts = Facts() with { ChangedPaths = ["a.cs", "b.cs", "c.cs", "d.cs", "e.cs"] };

        facts.IsDirty.Should().BeTrue();
        facts.DescribeChanges().Should().Be("5 changed files: a.cs, b.cs, c.cs and 2 more");
        (Facts() with { ChangedPaths = ["a.cs", "b.cs"] }).DescribeChanges().Should().Be("2 changed files: a.cs, b.cs");
        Facts().IsDirty.Should().BeFalse();
    }

    [Theory]
    [InlineData(null, false, new[] { "v1.2.3" }, null, 0, 1)]
    [InlineData("main", false, new string[0], "v1.2.3", 12, 99)]
    [InlineData("feature/very-long_name", true, new string[0], null, 0, 5)]
    [InlineData("main", false, new[] { "v10.20.30-beta.2-x" }, "v10.20.29", 1, 500)]
    public void Every_tag_is_a_valid_docker_tag(string? branch, bool pr, string[] onHead, string? nearest, int since, int count)
    {
        var tags = PublishTags.From(Facts(branch, pr, onHead, nearest, since, count));
        var dirty = PublishTags.From(Facts(branch, pr, onHead, nearest, since, count) with { ChangedPaths = ["x"] });
        tags = tags with { Tags = [.. tags.Tags, .. dirty.Tags] };

        // Docker's tag grammar: [\w][\w.-]{0,127}; in particular no '+' from SemVer build metadata.
        tags.Tags.Should().OnlyContain(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"));
        tags.Tags.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("v0.0.1-alpha.1", "0.0.1-alpha.1")]
    [InlineData("1.2.3", null)]
    [InlineData("v1.2", null)]
    [InlineData("v1.02.3", null)]
    [InlineData("v1.2.3+build.5", null)]
    public void Release_tags_follow_semver_with_a_v_prefix(string tag, string? version) =>
        (ReleaseTag.TryParse(tag)?.Version).Should().Be(version);
}
