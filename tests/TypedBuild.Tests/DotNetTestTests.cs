namespace TypedBuild.Tests;

public sealed class DotNetTestTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>
          <UnitTestResult testName="A.Passes" outcome="Passed" />
          <UnitTestResult testName="A.Fails" outcome="Failed" />
          <UnitTestResult testName="A.Skipped" outcome="NotExecuted" />
        </Results></TestRun>
        """;

    [Fact]
    public async Task Each_project_gets_a_trx_a_summary_row_and_a_project_without_results_counts_as_a_failure()
    {
        var root = AbsolutePath.Create(Support.TempDirectory.Create());
        var calls = new List<IReadOnlyList<string>>();
        // The tool stands in for `dotnet test`: it writes the trx the real logger would write, or nothing (a crash).
        Tool dotnet = (arguments, _, _) =>
        {
            var args = arguments.ToList();
            calls.Add(args);
            var directory = args[args.IndexOf("--results-directory") + 1];
            var logFile = args[args.IndexOf("--logger") + 1]["trx;LogFileName=".Length..];
            if (args[1].EndsWith("Good.Tests", StringComparison.Ordinal))
                File.WriteAllText(Path.Combine(directory, logFile), Trx);
            return Task.FromResult(new ToolResult(args[1].EndsWith("Good.Tests", StringComparison.Ordinal) ? 1 : 134, []));
        };
        var summary = new BuildSummary();

        var result = await DotNetTest.RunProjectsAsync(dotnet, [root / "Good.Tests", root / "Crashing.Tests"], root / "results",
            new DotNetTestOptions { Arguments = ["--configuration", "Release"] }, summary, CancellationToken.None);

        result.Total.Should().Be(new TestCounts(1, 2, 1));
        result.Failures.Select(f => f.Name).Should().Equal("A.Fails", "Crashing.Tests (no results, exit code 134)");
        calls[0].Should().ContainInOrder("test", root / "Good.Tests", "--no-build").And.EndWith(["--configuration", "Release"]);
        summary.Rows().Select(r => (r.Name, r.Status, r.Note)).Should().Equal(
            ("Good.Tests", TargetStatus.Failed, "1 passed, 1 failed, 1 skipped"),
            ("Crashing.Tests", TargetStatus.Failed, "0 passed, 1 failed, 0 skipped"));
        result.Invoking(r => r.ThrowIfFailed()).Should().Throw<BuildException>().WithMessage("2 failed: A.Fails, Crashing.Tests (no results, exit code 134)");
    }

    [Fact]
    public async Task Row_per_class_gives_one_row_per_scenario_group_and_keeps_the_failed_tests_output()
    {
        var root = AbsolutePath.Create(Support.TempDirectory.Create());
        IReadOnlyDictionary<string, string?>? environment = null;
        Tool dotnet = (arguments, _, options) =>
        {
            environment = options?.Environment;
            var args = arguments.ToList();
            var directory = args[args.IndexOf("--results-directory") + 1];
            File.WriteAllText(Path.Combine(directory, "Smoke.Tests.trx"), """
                <?xml version="1.0" encoding="utf-8"?>
                <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
                  <Results>
                    <UnitTestResult testId="1" testName="Smoke.Hardening.Runs_as_1654" outcome="Passed" />
                    <UnitTestResult testId="2" testName="Smoke.Shutdown.Drains" outcome="Failed">
                      <Output><StdOut>[app stdout] listening on 8080</StdOut></Output>
                    </UnitTestResult>
                  </Results>
                  <TestDefinitions>
                    <UnitTest id="1"><TestMethod className="Smoke.Hardening" name="Runs_as_1654" /></UnitTest>
                    <UnitTest id="2"><TestMethod className="Smoke.Shutdown" name="Drains" /></UnitTest>
                  </TestDefinitions>
                </TestRun>
                """);
            return Task.FromResult(new ToolResult(1, []));
        };
        var summary = new BuildSummary();

        var result = await DotNetTest.RunProjectsAsync(dotnet, [root / "Smoke.Tests"], root / "results",
            new DotNetTestOptions { RowPerClass = true, Environment = new Dictionary<string, string?> { ["IMAGE"] = "sha256:1" } },
            summary, CancellationToken.None);

        environment.Should().ContainKey("IMAGE");
        summary.Rows().Select(r => (r.Name, r.Status, r.Note)).Should().Equal(
            ("Hardening", TargetStatus.Succeeded, "1 passed, 0 failed, 0 skipped"),
            ("Shutdown", TargetStatus.Failed, "0 passed, 1 failed, 0 skipped"));
        result.Failures.Should().ContainSingle().Which.Should().Be(new FailedTest("Smoke.Shutdown.Drains", "[app stdout] listening on 8080"));
    }
}
