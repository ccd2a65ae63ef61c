using TypedBuild.GitHubActions;

namespace TypedBuild.Tests.GitHubActions;

public sealed class WorkflowStalenessTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("workflow-writer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string PathOf(string name) => Path.Combine(_root, ".github", "workflows", name + ".yml");

    [Fact]
    public void Locally_missing_files_are_generated_and_a_second_run_changes_nothing()
    {
        var first = GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);
        var second = GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);

        first.Select(o => o.State).Should().Equal(GeneratedFileState.Written, GeneratedFileState.Written);
        first[0].Message.Should().Contain("was missing").And.Contain("commit it");
        second.Select(o => o.State).Should().Equal(GeneratedFileState.UpToDate, GeneratedFileState.UpToDate);
        File.ReadAllText(PathOf("publish")).Should().Be(GitHubActionsWorkflow.DeclaredOn(typeof(SampleBuild))[1].Content);
    }

    [Fact]
    public void Locally_a_hand_edited_file_is_regenerated_with_a_warning_naming_the_line()
    {
        GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);
        var path = PathOf("publish");
        File.WriteAllText(path, File.ReadAllText(path).Replace("./build.sh Publish", "./build.sh Publish --skip SmokeTest"));

        var outcome = GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false).Single(o => o.RelativePath.EndsWith("publish.yml"));

        outcome.State.Should().Be(GeneratedFileState.Written);
        outcome.Message.Should().Contain("out of date").And.Contain("'run: ./build.sh Publish --skip SmokeTest'").And.Contain("'run: ./build.sh Publish'");
        File.ReadAllText(path).Should().NotContain("--skip");
    }

    [Fact]
    public void On_ci_a_stale_file_fails_the_build_and_is_left_untouched()
    {
        GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);
        var path = PathOf("pull-request");
        var edited = File.ReadAllText(path).Replace("SmokeTest", "");
        File.WriteAllText(path, edited);

        var outcomes = GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: true);
        var act = () => GeneratedFiles.ThrowIfStale(outcomes);

        outcomes.Single(o => o.RelativePath.EndsWith("pull-request.yml")).State.Should().Be(GeneratedFileState.Stale);
        outcomes.Single(o => o.RelativePath.EndsWith("publish.yml")).State.Should().Be(GeneratedFileState.UpToDate);
        act.Should().Throw<StaleGeneratedFileException>()
            .WithMessage("*.github/workflows/pull-request.yml is stale*line*./build.sh --generate-workflows*commit*");
        File.ReadAllText(path).Should().Be(edited);
    }

    [Fact]
    public void On_ci_a_missing_file_is_stale_too()
    {
        var outcomes = GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: true);

        outcomes.Should().OnlyContain(o => o.State == GeneratedFileState.Stale && o.Message.Contains("the file is missing"));
        File.Exists(PathOf("publish")).Should().BeFalse();
    }

    [Fact]
    public void On_ci_an_up_to_date_file_passes()
    {
        GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);

        var outcomes = GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: true);

        outcomes.Should().OnlyContain(o => o.State == GeneratedFileState.UpToDate);
        GeneratedFiles.ThrowIfStale(outcomes);
    }

    [Fact]
    public void Sync_and_report_warns_locally_and_throws_on_ci()
    {
        var warnings = new List<string>();

        GitHubActionsWorkflowWriter.SyncAndReport(typeof(SampleBuild), _root, isCi: false, warnings.Add);
        var again = GitHubActionsWorkflowWriter.SyncAndReport(typeof(SampleBuild), _root, isCi: true, warnings.Add);
        File.AppendAllText(PathOf("publish"), "# hand edit\n");
        var act = () => GitHubActionsWorkflowWriter.SyncAndReport(typeof(SampleBuild), _root, isCi: true, warnings.Add);

        warnings.Should().HaveCount(2).And.OnlyContain(w => w.Contains("was missing and has been generated"));
        again.Should().OnlyContain(o => o.State == GeneratedFileState.UpToDate);
        act.Should().Throw<StaleGeneratedFileException>().WithMessage("*publish.yml is stale*'# hand edit'*");
    }

    [Fact]
    public void A_generated_file_without_a_declaration_is_deleted_locally_and_stale_on_ci_while_hand_written_files_stay()
    {
        GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);
        File.Copy(PathOf("publish"), PathOf("old-release"));
        File.WriteAllText(PathOf("hand-written"), "name: mine\non: push\njobs: {}\n");

        var onCi = GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: true);
        var local = GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);

        onCi.Single(o => o.RelativePath.EndsWith("old-release.yml")).Message.Should().Contain("no longer generates it");
        onCi.Should().NotContain(o => o.RelativePath.EndsWith("hand-written.yml"));
        local.Single(o => o.RelativePath.EndsWith("old-release.yml")).State.Should().Be(GeneratedFileState.Written);
        File.Exists(PathOf("old-release")).Should().BeFalse();
        File.Exists(PathOf("hand-written")).Should().BeTrue("files the build did not generate are not its business");
    }
}
