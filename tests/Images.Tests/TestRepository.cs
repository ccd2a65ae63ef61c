using Spectre.Console;

namespace Images.Tests;

internal static class TestRepository
{
    /// <summary>The checkout this test assembly was built from (the directory holding CreditRobot.slnx).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CreditRobot.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"No CreditRobot.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>Copies the repository's build context (what .dockerignore lets through) into a new temp directory.</summary>
    public static string SnapshotContext()
    {
        var target = Directory.CreateTempSubdirectory("context-snapshot-").FullName;
        foreach (var entry in DockerEngine.BuildContext.FromDirectory(Root).ListEntries())
        {
            var source = Path.Combine(Root, entry);
            var destination = Path.Combine(target, entry);
            if (entry.EndsWith('/'))
                Directory.CreateDirectory(destination);
            else if (File.Exists(source))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(source, destination);
            }
        }
        return target;
    }

    /// <summary>A console that records what it printed (plain text, wide enough not to wrap).</summary>
    public static (IAnsiConsole Console, StringWriter Output) RecordingConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return (console, output);
    }
}
