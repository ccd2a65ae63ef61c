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
            var result = await DotNetTest.RunProjectsAsync(DotNet, TestProjects, TestResultsDirectory,
                ["--configuration", Configuration.ToString()], Summary, ct);
            Summary.Note(result.Total.ToString());
            Summary.AddClosingLine($"Test: {result.Total}");
            result.ThrowIfFailed();
        });
}
