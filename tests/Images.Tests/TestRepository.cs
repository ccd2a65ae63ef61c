using System.Text;
using Images.Build;

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
        foreach (var entry in BuildContext.FromDirectory(Root).ListEntries())
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

    /// <summary>Progress that records every event as a line of text ("[Kind] text"), in order.</summary>
    public static (IProgress<BuildProgress> Progress, StringBuilder Output) RecordingProgress()
    {
        var output = new StringBuilder();
        return (new InlineProgress<BuildProgress>(p => { lock (output) output.AppendLine(p.ToString()); }), output);
    }
}
