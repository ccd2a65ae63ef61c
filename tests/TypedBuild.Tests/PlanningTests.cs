using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

public sealed class PlanningTests
{
    [Fact]
    public async Task DependsOn_runs_dependencies_first_and_Triggers_pulls_in_triggered_targets_after()
    {
        var run = await BuildRun.RunAsync<OrderBuild>(["Test"]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Build.Ran.Should().Equal("Restore", "Compile", "Test", "Package", "Report");
    }

    [Fact]
    public async Task After_orders_without_pulling_in_and_declaration_order_breaks_ties()
    {
        var lintOnly = await BuildRun.RunAsync<OrderBuild>(["Lint"]);
        var both = await BuildRun.RunAsync<OrderBuild>(["Lint", "Compile"]);
        var reversed = await BuildRun.RunAsync<OrderBuild>(["Compile", "Lint"]);

        lintOnly.Build.Ran.Should().Equal("Lint");
        both.Build.Ran.Should().Equal("Restore", "Compile", "Lint");
        reversed.Build.Ran.Should().Equal(both.Build.Ran, "the order must not depend on how targets were listed");
    }

    [Fact]
    public async Task Before_orders_without_pulling_in()
    {
        var withClean = await BuildRun.RunAsync<OrderBuild>(["Compile", "Clean"]);
        var withoutClean = await BuildRun.RunAsync<OrderBuild>(["Compile"]);

        withClean.Build.Ran.Should().Equal("Clean", "Restore", "Compile");
        withoutClean.Build.Ran.Should().Equal("Restore", "Compile");
    }

    [Fact]
    public async Task Default_target_runs_when_none_is_given_and_targets_match_case_insensitively()
    {
        var byDefault = await BuildRun.RunAsync<OrderBuild>([], defaultTarget: x => x.Compile);
        var lowerCase = await BuildRun.RunAsync<OrderBuild>(["compile"]);

        byDefault.Build.Ran.Should().Equal("Restore", "Compile");
        lowerCase.Build.Ran.Should().Equal("Restore", "Compile");
    }

    [Fact]
    public async Task Plan_prints_the_order_and_runs_nothing()
    {
        var run = await BuildRun.RunAsync<OrderBuild>(["--plan", "Test", "--skip", "Package"]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Build.Ran.Should().BeEmpty();
        run.Lines.Should().ContainInOrder("Plan for Test:", "  1. Restore", "  2. Compile", "  3. Test", "  4. Package  (skipped (--skip))", "  5. Report");
    }

    [Fact]
    public async Task A_cycle_is_a_usage_error_that_names_the_cycle_and_nothing_runs()
    {
        var run = await BuildRun.RunAsync<CycleBuild>(["Setup"]);

        run.ExitCode.Should().Be(2);
        run.Build.Ran.Should().BeEmpty();
        run.Output.Should().Contain("Target cycle: C → B → A → C (→ means 'runs before', declared by: B After C, A DependsOn B, C DependsOn A).");
    }

    [Fact]
    public async Task Help_lists_targets_with_description_dependencies_and_default_but_not_unlisted_ones()
    {
        var run = await BuildRun.RunAsync<OrderBuild>(["--help"], defaultTarget: x => x.Compile);

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("Compile (default)").And.Contain("depends on Restore").And.Contain("Delete outputs");
        run.Output.Should().NotContain("Hidden");
    }
}
