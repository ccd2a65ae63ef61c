using Containers;
using System.Text;
using Images.Build;

namespace Images.Tests;

internal static class TestRepository
{
    /// <summary>Copies the repository's build context (what .dockerignore lets through) into a new temp directory.</summary>
    public static string SnapshotContext()
    {
        var target = Directory.CreateTempSubdirectory("context-snapshot-").FullName;
        foreach (var entry in BuildContext.FromDirectory(RepositoryRoot.Path).ListEntries())
        {
            var source = Path.Combine(RepositoryRoot.Path, entry);
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
