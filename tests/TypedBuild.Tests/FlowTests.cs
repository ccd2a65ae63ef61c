using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

/// <summary>--skip, OnlyWhen, Requires, failure handling, cleanup, summary rows.</summary>
public sealed class FlowTests
{
    [Fact]
    public async Task Skip_with_names_skips_those_and_bare_skip_skips_everything_not_invoked()
    {
        var named = await BuildRun.RunAsync<OrderBuild>(["Compile", "--skip", "Restore"]);
        var bare = await BuildRun.RunAsync<OrderBuild>(["Test", "--skip"]);

        named.Build.Ran.Should().Equal("Compile");
        named.Output.Should().MatchRegex(@"\| Restore\s+\| Skipped\s+\|\s+\| --skip");
        bare.Build.Ran.Should().Equal("Test");
    }

    [Fact]
    public async Task OnlyWhen_false_skips_with_the_condition_as_reason_and_dependents_still_run()
    {
        var off = await BuildRun.RunAsync<FlowBuild>(["AfterOptional"]);
        var on = await BuildRun.RunAsync<FlowBuild>(["AfterOptional", "--enabled"]);

        off.ExitCode.Should().Be(0, off.Output);
        off.Build.Ran.Should().Equal("AfterOptional");
        off.Output.Should().Contain("condition false: () => Enabled");
        on.Build.Ran.Should().Equal("Optional", "AfterOptional");
    }

    [Fact]
    public async Task Requires_is_checked_for_the_whole_plan_before_any_target_runs()
    {
        var run = await BuildRun.RunAsync<FlowBuild>(["Independent", "Deploy"]);

        run.ExitCode.Should().Be(2);
        run.Build.Ran.Should().BeEmpty();
        run.Output.Should().Contain("Target Publish requires parameter --api-key (or environment variable API_KEY) to be set.");
        run.Output.Should().Contain("Target Deploy requires the tool 'no-such-tool-typedbuild', which was not found on PATH.");
    }

    [Fact]
    public async Task A_requirement_that_explains_itself_is_a_usage_error_in_its_own_words()
    {
        var run = await BuildRun.RunAsync<FlowBuild>(["Independent", "Release"]);

        run.ExitCode.Should().Be(2);
        run.Build.Ran.Should().BeEmpty();
        run.Output.Should().Contain("Target Release requires a clean tree: 2 changed files: a.cs, b.cs: commit them, or pass --release-dirty")
            .And.NotContain("evaluating requirement");
    }

    [Fact]
    public async Task Requires_is_met_by_the_environment_variable()
    {
        var run = await BuildRun.RunAsync<FlowBuild>(["Publish"], new Dictionary<string, string> { ["API_KEY"] = "k" });

        run.ExitCode.Should().Be(0, run.Output);
        run.Build.Ran.Should().Equal("Publish");
    }

    [Fact]
    public async Task A_failure_stops_later_targets_except_assured_ones_and_exits_1()
    {
        var run = await BuildRun.RunAsync<FlowBuild>(["Broken", "Independent", "Dependent", "Report", "--fail"]);

        run.ExitCode.Should().Be(1);
        run.Build.Ran.Should().Equal("Broken", "Report");
        run.Output.Should().MatchRegex(@"\| Independent\s+\| Not run\s+\|\s+\| an earlier target failed");
        run.Output.Should().MatchRegex(@"\| Dependent\s+\| Not run\s+\|\s+\| Broken did not succeed");
        run.Lines.Should().Contain("Broken failed: Broken failed on purpose");
        run.Lines.Should().Contain(l => l.StartsWith("Build failed in "));
    }

    [Fact]
    public async Task ProceedAfterFailure_lets_later_targets_run_except_its_dependents_and_the_build_still_fails()
    {
        var run = await BuildRun.RunAsync<FlowBuild>(["Tolerated", "AfterTolerated", "Independent"]);

        run.ExitCode.Should().Be(1);
        run.Build.Ran.Should().Equal("Tolerated", "Independent");
        run.Output.Should().MatchRegex(@"\| AfterTolerated\s+\| Not run\s+\|\s+\| Tolerated did not succeed");
    }

    [Fact]
    public async Task Cleanups_run_last_registered_first_even_after_a_failure()
    {
        var run = await BuildRun.RunAsync<FlowBuild>(["WithCleanup", "--fail"]);

        run.ExitCode.Should().Be(1);
        run.Build.Ran.Should().Equal("WithCleanup", "cleanup second", "cleanup first");
    }

    [Fact]
    public async Task Summary_shows_notes_extra_rows_and_closing_lines_after_the_result()
    {
        var run = await BuildRun.RunAsync<FlowBuild>(["Rows"]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().MatchRegex(@"\| Target\s+\| Status\s+\| Duration \| Note");
        run.Output.Should().MatchRegex(@"\| Rows\s+\| Succeeded \|\s+\d+\.\d s \| 2 groups");
        run.Output.Should().MatchRegex(@"\|   - http\s+\| Succeeded \|\s+1\.5 s \| 3 passed");
        run.Output.Should().MatchRegex(@"\|   - database\s+\| Failed\s+\|\s+\| 1 failed");
        var lines = run.Lines.Where(l => l.Length > 0).ToList();
        lines[^2].Should().StartWith("Build succeeded in ");
        lines[^1].Should().Be("Rows: 3 passed, 1 failed, 0 skipped");
    }

    [Fact]
    public async Task An_unexpected_exception_fails_the_target_without_a_stack_trace_unless_verbose()
    {
        var normal = await BuildRun.RunAsync<FlowBuild>(["Crash"]);
        var verbose = await BuildRun.RunAsync<FlowBuild>(["Crash", "--verbosity", "verbose"]);

        normal.ExitCode.Should().Be(1);
        normal.Output.Should().Contain("Crash failed: InvalidOperationException: unexpected state").And.NotContain("   at ");
        verbose.Output.Should().Contain("   at ");
    }

    [Fact]
    public async Task Cancellation_stops_the_running_target_runs_cleanups_and_exits_130()
    {
        using var cancellation = new CancellationTokenSource();
        var build = new FlowBuild();
        var running = BuildRun.RunAsync<FlowBuild>(["Blocking", "AfterBlocking"], build: build, cancellationToken: cancellation.Token);
        await build.WaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();
        var run = await running.WaitAsync(TimeSpan.FromSeconds(30));

        run.ExitCode.Should().Be(130, "128 + SIGINT: the shell's convention for an interrupted command");
        run.Build.Ran.Should().Equal("Blocking", "cleanup after blocking");
        run.Output.Should().MatchRegex(@"\| Blocking\s+\| Cancelled");
        run.Output.Should().MatchRegex(@"\| AfterBlocking\s+\| Not run\s+\|\s+\| cancelled");
        run.Output.Should().Contain("Build cancelled in ");
    }
}
