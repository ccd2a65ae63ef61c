using System.Diagnostics;

namespace TypedBuild;

/// <summary>The outcome of several test projects: totals, and each failed test (or crashed project) with its output.</summary>
public sealed record TestRunResult(TestCounts Total, IReadOnlyList<FailedTest> Failures)
{
    /// <summary>Throws a <see cref="BuildException"/> naming (up to ten of) the failed tests.</summary>
    public void ThrowIfFailed()
    {
        if (Failures.Count > 0)
            throw new BuildException($"{Failures.Count} failed: {string.Join(", ", Failures.Take(10).Select(f => f.Name))}{(Failures.Count > 10 ? ", ..." : "")}");
    }
}

/// <summary>How <see cref="DotNetTest.RunProjectsAsync"/> runs and reports.</summary>
public sealed record DotNetTestOptions
{
    /// <summary>Extra <c>dotnet test</c> arguments, e.g. the configuration.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment for the test processes (e.g. which image the smoke tests run).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>One summary row per test class (a scenario group) instead of one per project.</summary>
    public bool RowPerClass { get; init; }
}

/// <summary><c>dotnet test</c> per project with a trx logger, one summary row per project (or per test class).</summary>
public static class DotNetTest
{
    /// <summary>
    /// Runs each project (in order; they share the machine's cores with their own parallel tests), writes
    /// <c>&lt;project&gt;.trx</c> into <paramref name="resultsDirectory"/> and adds rows to
    /// <paramref name="summary"/>. A project that leaves no trx (it crashed, or did not build) counts as one
    /// failure, so a broken run never reports "0 failed".
    /// </summary>
    public static async Task<TestRunResult> RunProjectsAsync(
        Tool dotnet, IEnumerable<AbsolutePath> projects, AbsolutePath resultsDirectory, DotNetTestOptions options,
        BuildSummary summary, CancellationToken cancellationToken)
    {
        resultsDirectory.CreateDirectory();
        var total = new TestCounts();
        var failures = new List<FailedTest>();
        foreach (var project in projects)
        {
            var clock = Stopwatch.StartNew();
            var trx = resultsDirectory / $"{project.Name}.trx";
            File.Delete(trx);
            var run = await dotnet(
                ["test", project, "--no-build", "--logger", $"trx;LogFileName={trx.Name}", "--results-directory", resultsDirectory, .. options.Arguments],
                cancellationToken, new ToolOptions { CheckExitCode = false, Prefix = project.Name, Environment = options.Environment });

            var report = trx.FileExists()
                ? TestReport.ReadTrx(trx)
                : new TestReport(new TestCounts(0, 1, 0), [new FailedTest($"{project.Name} (no results, exit code {run.ExitCode})", "")]);
            var failed = report.Counts.Failed > 0 || run.ExitCode != 0;
            if (options.RowPerClass && report.ByClass.Count > 0)
                foreach (var (name, counts) in report.ByClass.OrderBy(c => c.Key, StringComparer.Ordinal))
                    summary.AddRow(name, Status(counts), null, counts.ToString());
            else
                summary.AddRow(project.Name, failed ? TargetStatus.Failed : TargetStatus.Succeeded, clock.Elapsed, report.Counts.ToString());
            total += report.Counts;
            if (failed)
                failures.AddRange(report.Failures.Count > 0 ? report.Failures : [new FailedTest($"{project.Name} (exit code {run.ExitCode})", "")]);
        }

        return new TestRunResult(total, failures);
    }

    private static TargetStatus Status(TestCounts counts) =>
        counts.Failed > 0 ? TargetStatus.Failed : counts.Passed > 0 ? TargetStatus.Succeeded : TargetStatus.Skipped;
}
