using System.Diagnostics;

namespace TypedBuild;

/// <summary>The outcome of several test projects: totals and the names of what failed.</summary>
public sealed record TestRunResult(TestCounts Total, IReadOnlyList<string> Failures)
{
    /// <summary>Throws a <see cref="BuildException"/> naming (up to ten of) the failed tests.</summary>
    public void ThrowIfFailed()
    {
        if (Failures.Count > 0)
            throw new BuildException($"{Failures.Count} failed: {string.Join(", ", Failures.Take(10))}{(Failures.Count > 10 ? ", ..." : "")}");
    }
}

/// <summary><c>dotnet test</c> per project with a trx logger, one summary row per project.</summary>
public static class DotNetTest
{
    /// <summary>
    /// Runs each project (in order; they share the machine's cores with their own parallel tests), writes
    /// <c>&lt;project&gt;.trx</c> into <paramref name="resultsDirectory"/> (emptied first) and adds a row per
    /// project to <paramref name="summary"/>. A project that leaves no trx (it crashed, or did not build)
    /// counts as one failure, so a broken run never reports "0 failed".
    /// </summary>
    public static async Task<TestRunResult> RunProjectsAsync(
        Tool dotnet, IEnumerable<AbsolutePath> projects, AbsolutePath resultsDirectory, IEnumerable<string> extraArguments,
        BuildSummary summary, CancellationToken cancellationToken)
    {
        resultsDirectory.DeleteDirectory();
        resultsDirectory.CreateDirectory();
        var total = new TestCounts();
        var failures = new List<string>();
        var extra = extraArguments.ToList();
        foreach (var project in projects)
        {
            var clock = Stopwatch.StartNew();
            var trx = resultsDirectory / $"{project.Name}.trx";
            var run = await dotnet(
                ["test", project, "--no-build", "--logger", $"trx;LogFileName={trx.Name}", "--results-directory", resultsDirectory, .. extra],
                cancellationToken, new ToolOptions { CheckExitCode = false, Prefix = project.Name });

            var report = trx.FileExists()
                ? TestReport.ReadTrx(trx)
                : new TestReport(new TestCounts(0, 1, 0), [$"{project.Name} (no results, exit code {run.ExitCode})"]);
            var failed = report.Counts.Failed > 0 || run.ExitCode != 0;
            summary.AddRow(project.Name, failed ? TargetStatus.Failed : TargetStatus.Succeeded, clock.Elapsed, report.Counts.ToString());
            total += report.Counts;
            if (failed)
                failures.AddRange(report.FailedTests.Count > 0 ? report.FailedTests : [$"{project.Name} (exit code {run.ExitCode})"]);
        }

        return new TestRunResult(total, failures);
    }
}
