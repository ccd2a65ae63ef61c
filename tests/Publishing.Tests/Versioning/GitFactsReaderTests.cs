using TypedBuild;
using Publishing.Versioning;

namespace Publishing.Tests.Versioning;

/// <summary>The reader against real git repositories made in a temp directory, plus GitHub Actions' variables.</summary>
public sealed class GitFactsReaderTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("gitfacts-").FullName;
    // GitHub's event payload lives outside the checkout (in the repository it would be an untracked change).
    private readonly string _runner = Directory.CreateTempSubdirectory("gitfacts-runner-").FullName;
    private static readonly Dictionary<string, string?> NoCi = new();

    public void Dispose()
    {
        Directory.Delete(_repo, recursive: true);
        Directory.Delete(_runner, recursive: true);
    }

    private async Task<string> Git(params string[] args)
    {
        var result = await ProcessRunner.Silent.RunAsync("git", args, new ToolOptions
        {
            WorkingDirectory = _repo,
            Environment = new Dictionary<string, string?>
            {
                ["GIT_AUTHOR_NAME"] = "test", ["GIT_COMMITTER_NAME"] = "test",
                ["GIT_AUTHOR_EMAIL"] = "test@example.invalid", ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
            },
        });
        return result.StandardOutput.Trim();
    }

    private async Task Commits(int n)
    {
        for (var i = 0; i < n; i++) await Git("commit", "--allow-empty", "-q", "-m", $"c{i}");
    }

    private async Task Init(string branch = "main")
    {
        await Git("init", "-q", "-b", branch);
        await Git("config", "commit.gpgsign", "false");
    }

    [Fact]
    public async Task Tag_on_head_gives_the_release_version()
    {
        await Init();
        await Commits(2);
        await Git("tag", "v1.2.3");

        var facts = await new GitFactsReader(_repo, NoCi).ReadAsync();
        var tags = PublishTags.From(facts);

        facts.Sha.Should().Be(await Git("rev-parse", "HEAD"));
        facts.Branch.Should().Be("main");
        tags.Tags.Should().Equal("1.2.3", "sha-" + facts.Sha[..12], "latest");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("/srv/git/creditrobot.git", null)]
    [InlineData("git@github.com:acme/creditrobot.git", "https://github.com/acme/creditrobot")]
    [InlineData("https://robot:s3cret-token@gitlab.example.com/team/creditrobot.git", "https://gitlab.example.com/team/creditrobot")]
    [InlineData("ssh://git@git.example.com:2222/team/creditrobot", "https://git.example.com/team/creditrobot")]
    public async Task The_source_url_comes_from_origin_without_credentials_and_is_absent_without_a_web_remote(string? origin, string? expected)
    {
        await Init();
        await Commits(1);
        if (origin is not null)
            await Git("remote", "add", "origin", origin);

        var facts = await new GitFactsReader(_repo, NoCi).ReadAsync();

        facts.SourceUrl.Should().Be(expected);
    }

    [Fact]
    public async Task Commits_after_the_tag_count_into_the_preview_and_pre_release_tags_do_not_start_a_series()
    {
        await Init();
        await Commits(1);
        await Git("tag", "v1.2.3");
        await Commits(2);
        await Git("tag", "v1.3.0-rc.1");
        await Commits(1);
        await Git("checkout", "-q", "-b", "feature");

        var facts = await new GitFactsReader(_repo, NoCi).ReadAsync();

        facts.NearestReleaseTag.Should().Be("v1.2.3");
        facts.CommitsSinceReleaseTag.Should().Be(3);
        PublishTags.From(facts).Tags.Should().Equal($"1.2.4-preview.3.g{facts.Sha[..7]}", "sha-" + facts.Sha[..12]);
    }

    [Fact]
    public async Task No_tag_and_a_detached_head_give_a_dev_version_without_latest()
    {
        await Init();
        await Commits(3);
        await Git("checkout", "-q", "--detach");

        var facts = await new GitFactsReader(_repo, NoCi).ReadAsync();

        facts.Branch.Should().BeNull();
        facts.CommitCount.Should().Be(3);
        facts.DefaultBranch.Should().Be("main", "without origin/HEAD the default is 'main'");
        PublishTags.From(facts).Tags.Should().Equal($"0.1.0-dev.3.g{facts.Sha[..7]}", "sha-" + facts.Sha[..12]);
    }

    [Fact]
    public async Task The_default_branch_comes_from_origin_HEAD_when_there_is_one()
    {
        await Init("trunk");
        await Commits(1);
        await Git("update-ref", "refs/remotes/origin/trunk", "HEAD");
        await Git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk");

        var facts = await new GitFactsReader(_repo, NoCi).ReadAsync();

        facts.DefaultBranch.Should().Be("trunk");
        PublishTags.From(facts).Tags.Should().Contain("latest");
    }

    [Fact]
    public async Task A_github_pull_request_build_is_a_pull_request_and_gets_no_latest()
    {
        await Init();
        await Commits(1);
        var eventFile = Path.Combine(_runner, "event.json");
        await File.WriteAllTextAsync(eventFile, """{"repository":{"default_branch":"main"}}""");
        var env = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "pull_request", ["GITHUB_REF"] = "refs/pull/7/merge",
            ["GITHUB_REF_NAME"] = "7/merge", ["GITHUB_HEAD_REF"] = "feature/login", ["GITHUB_EVENT_PATH"] = eventFile,
        };

        var facts = await new GitFactsReader(_repo, env).ReadAsync();

        facts.IsPullRequest.Should().BeTrue();
        facts.Branch.Should().Be("feature/login");
        PublishTags.From(facts).Tags.Should().NotContain("latest");
    }

    [Fact]
    public async Task A_github_push_to_the_default_branch_named_in_the_event_payload_gets_latest()
    {
        await Init("work");  // the local branch name must not matter on CI
        await Commits(1);
        var eventFile = Path.Combine(_runner, "event.json");
        await File.WriteAllTextAsync(eventFile, """{"repository":{"default_branch":"release"}}""");
        var env = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/heads/release",
            ["GITHUB_REF_NAME"] = "release", ["GITHUB_EVENT_PATH"] = eventFile,
        };

        var facts = await new GitFactsReader(_repo, env).ReadAsync();

        facts.Branch.Should().Be("release");
        facts.DefaultBranch.Should().Be("release");
        PublishTags.From(facts).Tags.Should().Contain("latest");
    }

    [Fact]
    public async Task A_github_tag_push_is_not_a_branch_build()
    {
        await Init();
        await Commits(1);
        await Git("tag", "v4.0.0");
        var env = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/tags/v4.0.0" };

        var facts = await new GitFactsReader(_repo, env).ReadAsync();

        PublishTags.From(facts).Tags.Should().Equal("4.0.0", "sha-" + facts.Sha[..12]);
    }

    [Fact]
    public async Task Modified_staged_deleted_renamed_and_untracked_files_make_the_tree_dirty_ignored_ones_do_not()
    {
        await Init();
        foreach (var name in new[] { "modified.cs", "staged.cs", "deleted.cs", "renamed.cs", ".gitignore" })
            await File.WriteAllTextAsync(Path.Combine(_repo, name), name == ".gitignore" ? "bin/\n" : name);
        await Git("add", ".");
        await Git("commit", "-q", "-m", "files");
        (await new GitFactsReader(_repo, NoCi).ReadAsync()).IsDirty.Should().BeFalse("nothing changed since the commit");

        Directory.CreateDirectory(Path.Combine(_repo, "bin"));
        await File.WriteAllTextAsync(Path.Combine(_repo, "bin", "ignored.dll"), "build output");
        (await new GitFactsReader(_repo, NoCi).ReadAsync()).IsDirty.Should().BeFalse("ignored files are not changes");

        await File.AppendAllTextAsync(Path.Combine(_repo, "modified.cs"), " edited");
        await File.AppendAllTextAsync(Path.Combine(_repo, "staged.cs"), " edited");
        await Git("add", "staged.cs");
        File.Delete(Path.Combine(_repo, "deleted.cs"));
        await Git("mv", "renamed.cs", "new name.cs");
        Directory.CreateDirectory(Path.Combine(_repo, "notes"));
        await File.WriteAllTextAsync(Path.Combine(_repo, "notes", "todo.txt"), "new");

        var facts = await new GitFactsReader(_repo, NoCi).ReadAsync();

        facts.IsDirty.Should().BeTrue();
        facts.ChangedPaths.Should().BeEquivalentTo("modified.cs", "staged.cs", "deleted.cs", "new name.cs", "notes/todo.txt");
        PublishTags.From(facts).Tags.Should().Equal($"0.1.0-dev.1.g{facts.Sha[..7]}-dirty");
    }

    [Fact]
    public async Task A_directory_without_commits_is_a_clear_error()
    {
        await Init();

        var act = () => new GitFactsReader(_repo, NoCi).ReadAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage($"*'git rev-parse HEAD' failed in '{_repo}'*at least one commit*");
    }
}
