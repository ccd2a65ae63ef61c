using System.Text.RegularExpressions;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

/// <summary>The README's Quick start is the product's promise; CI must run exactly its test command, nothing else.</summary>
public sealed class QuickStartTests
{
    private static readonly string Root = RepositoryRoot.Path;

    [Fact]
    public void Ci_runs_the_readmes_test_command_and_nothing_else()
    {
        var commands = File.ReadAllLines(Path.Combine(Root, ".ci", "run"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("set ", StringComparison.Ordinal) && !l.StartsWith("cd ", StringComparison.Ordinal))
            .ToArray();
        commands.Should().Equal(["exec ./build.sh Test"], "the build installs what it needs; CI proves the README, not its own set-up");
        QuickStartCommands().Should().Contain("./build.sh Test");
    }

    [Fact]
    public void Quick_start_starts_at_git_clone_and_has_the_two_commands()
    {
        var commands = QuickStartCommands();
        commands[0].Should().StartWith("git clone ");
        commands.Should().Contain("./build.sh SmokeTest").And.Contain("./build.sh Test");
        commands.Should().NotContain(c => c.Contains("apt-get") || c.Contains("install"), "the build itself installs host tools");
    }

    /// <summary>The commands of the first bash block under "## Quick start", comments stripped.</summary>
    private static string[] QuickStartCommands()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf("## Quick start", StringComparison.Ordinal)..];
        var block = Regex.Match(section, "```bash\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        return block.Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToArray();
    }
}
