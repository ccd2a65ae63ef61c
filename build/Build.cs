using System.Diagnostics;
using TypedBuild;

/// <summary>
/// The pipeline of this repository. <c>./build.sh --help</c> lists targets and parameters;
/// <c>./build.sh --plan Test</c> shows the order without running anything.
/// </summary>
internal sealed class Build : BuildScript
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Test);

    [Parameter("Configuration to build and test")]
    readonly Configuration Configuration = Configuration.Debug;

    AbsolutePath Solution => RootDirectory / "CreditRobot.slnx";
    AbsolutePath SourceDirectory => RootDirectory / "src";
    AbsolutePath TestsDirectory => RootDirectory / "tests";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    // Unit and integration test projects; tests/SmokeTests runs against the built image (SmokeTest target).
    IReadOnlyList<AbsolutePath> TestProjects => TestsDirectory.GlobDirectories("*.Tests");

    // build.sh exports the dotnet it found; fall back to PATH when the build runs some other way.
    Tool DotNet => ToolFromPath(EnvironmentVariable("DOTNET_EXE") ?? "dotnet");

    Target Clean => _ => _
        .Description("Delete bin/ and obj/ of src/ and tests/ projects, and artifacts/")
        .Before(Restore)
        .Executes(() =>
        {
            foreach (var project in SourceDirectory.GlobDirectories("*").Concat(TestsDirectory.GlobDirectories("*")))
            {
                (project / "bin").DeleteDirectory();
                (project / "obj").DeleteDirectory();
            }

            ArtifactsDirectory.DeleteDirectory();
        });

    Target Restore => _ => _
        .Description("Restore NuGet packages (locked mode when CI=true)")
        .Executes(ct => DotNet(["restore", Solution], ct));

    Target Compile => _ => _
        .Description("Build the solution")
        .DependsOn(Restore)
        .Executes(ct => DotNet(["build", Solution, "--no-restore", "--configuration", Configuration.ToString()], ct));

    Target Test => _ => _
        .Description("Run every tests/*.Tests project; results (trx) in artifacts/test-results")
        .DependsOn(Compile)
        .Executes(async ct =>
        {
            TestResultsDirectory.DeleteDirectory();
            TestResultsDirectory.CreateDirectory();
            var total = new TestCounts();
            var failures = new List<string>();
            foreach (var project in TestProjects)
            {
                var (counts, failed) = await RunTests(project, ct);
                total += counts;
                failures.AddRange(failed);
            }

            Summary.Note(total.ToString());
            Summary.AddClosingLine($"Test: {total}");
            if (failures.Count > 0)
                throw new BuildException($"{failures.Count} failed: {string.Join(", ", failures.Take(10))}{(failures.Count > 10 ? ", ..." : "")}");
        });

    /// <summary>One test project → one trx file → one summary row. A run without results counts as one failure.</summary>
    async Task<(TestCounts Counts, IReadOnlyList<string> Failed)> RunTests(AbsolutePath project, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var trx = TestResultsDirectory / $"{project.Name}.trx";
        var run = await DotNet(
            ["test", project, "--no-build", "--configuration", Configuration.ToString(),
             "--logger", $"trx;LogFileName={trx.Name}", "--results-directory", TestResultsDirectory],
            ct, new ToolOptions { CheckExitCode = false, Prefix = project.Name });

        var report = trx.FileExists()
            ? TestReport.ReadTrx(trx)
            : new TestReport(new TestCounts(0, 1, 0), [$"{project.Name} (no results, exit code {run.ExitCode})"]);
        var failed = report.Counts.Failed > 0 || run.ExitCode != 0;
        Summary.AddRow(project.Name, failed ? TargetStatus.Failed : TargetStatus.Succeeded, clock.Elapsed, report.Counts.ToString());
        return (report.Counts, failed && report.FailedTests.Count == 0 ? [$"{project.Name} (exit code {run.ExitCode})"] : report.FailedTests);
    }
}
