using TypedBuild.Tests.GitHubActions;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

/// <summary>What Compile uses to build the test projects Test runs that the solution does not list.</summary>
public sealed class SolutionFileTests
{
    [Fact]
    public async Task A_test_project_missing_from_an_slnx_is_reported_and_listed_ones_are_not()
    {
        var root = AbsolutePath.Create(TempDirectory.Create());
        File.WriteAllText(root / "App.slnx", """
            <Solution>
              <Folder Name="/tests/">
                <Project Path="tests/A.Tests/A.Tests.csproj" />
              </Folder>
              <Project Path="src\App\App.csproj" />
            </Solution>
            """);

        var unlisted = await SolutionFile.UnlistedAsync(root / "App.slnx", [root / "tests" / "A.Tests", root / "tests" / "New.Tests", root / "src" / "App"]);

        unlisted.Should().Equal(root / "tests" / "New.Tests");
    }

    [Fact]
    public async Task A_classic_sln_is_read_too()
    {
        var root = AbsolutePath.Create(TempDirectory.Create());
        File.WriteAllText(root / "App.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "A.Tests", "tests\A.Tests\A.Tests.csproj", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            """);

        (await SolutionFile.ProjectDirectoriesAsync(root / "App.sln")).Should().BeEquivalentTo([root / "tests" / "A.Tests"]);
    }

    [Fact]
    public async Task The_repository_solution_lists_every_test_project_the_Test_target_runs()
    {
        var root = AbsolutePath.Create(RepositoryRoot.Path);

        var testProjects = (root / "tests").GlobDirectories("*.Tests").Concat((root / "bench").GlobDirectories("*.Tests"));

        (await SolutionFile.UnlistedAsync(root / "CreditRobot.slnx", testProjects)).Should().BeEmpty("Compile would warn and build them on their own");
    }
}
