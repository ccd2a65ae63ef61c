namespace TypedBuild;

public enum GeneratedFileState
{
    /// <summary>The checked-in file equals what is generated.</summary>
    UpToDate,
    /// <summary>Missing, different or orphaned, and rewritten or deleted (local runs).</summary>
    Written,
    /// <summary>Missing, different or orphaned, and left alone because this is CI: the build must fail.</summary>
    Stale,
    /// <summary>Changed by hand (<see cref="GeneratedDirectory.HandEdit"/> said so): never overwritten, the build fails.</summary>
    HandEdited,
}

/// <summary>One generated file: its path under the directory and its content.</summary>
public sealed record GeneratedFile(string Name, string Content);

/// <summary>What happened to one file; <see cref="Message"/> is ready to print.</summary>
public sealed record GeneratedFileOutcome(string RelativePath, GeneratedFileState State, string Message);

/// <summary>
/// A checked-in directory of generated files (the CI workflows, the Kubernetes manifests): where it is, which files
/// in it are ours (the <see cref="Marker"/> in their first lines, so hand-written neighbours are left alone), what they
/// are generated from, and the command that regenerates them.
/// </summary>
public sealed record GeneratedDirectory(string RelativePath, string Pattern, string Marker, string Source, string RegenerateCommand)
{
    /// <summary>Given a file's current and generated content: null when overwriting it loses nothing; else why it
    /// was edited by hand and how to keep the edit (the file is then left alone and the build fails).</summary>
    public Func<string, string, string?>? HandEdit { get; init; }

    internal string Show(string name) => RelativePath.Length == 0 ? name : $"{RelativePath}/{name}";
}

/// <summary>
/// Keeps a <see cref="GeneratedDirectory"/> in step with what the build declares: locally a difference is rewritten
/// (and warned about, so it gets committed); on CI (<c>CI=true</c>) it is <see cref="GeneratedFileState.Stale"/> and
/// fails the build, because the checked-in files would no longer be what the build declares. A generated file that is
/// no longer generated is deleted too: it would still run on GitHub, or still be applied by <c>kubectl apply -f</c>.
/// </summary>
public static class GeneratedFiles
{
    public static IReadOnlyList<GeneratedFileOutcome> Sync(GeneratedDirectory directory, IEnumerable<GeneratedFile> files, string rootDirectory, bool isCi)
    {
        var generated = files.ToList();
        var folder = Path.Combine(rootDirectory, directory.RelativePath);
        var outcomes = new List<GeneratedFileOutcome>();
        foreach (var file in generated)
        {
            var path = Path.Combine(folder, file.Name);
            var shown = directory.Show(file.Name);
            var current = File.Exists(path) ? File.ReadAllText(path) : null;
            // A checkout with CRLF line endings (git's autocrlf) holds the same file.
            if (current?.Replace("\r\n", "\n") == file.Content)
            {
                outcomes.Add(new(shown, GeneratedFileState.UpToDate, $"{shown} is up to date."));
                continue;
            }
            if (current is not null && directory.HandEdit?.Invoke(current, file.Content) is { } handEdit)
            {
                outcomes.Add(new(shown, GeneratedFileState.HandEdited, $"{shown} was edited by hand and is left alone: {handEdit}"));
                continue;
            }
            var difference = current is null ? "the file is missing" : FirstDifference(current, file.Content);
            if (isCi)
            {
                outcomes.Add(new(shown, GeneratedFileState.Stale, $"{shown} is stale: {difference}. It is generated from {directory.Source}; " +
                                                                 $"run '{directory.RegenerateCommand}' locally and commit the result."));
                continue;
            }
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, file.Content);
            outcomes.Add(new(shown, GeneratedFileState.Written, current is null
                ? $"{shown} was missing and has been generated; commit it."
                : $"{shown} was out of date ({difference}) and has been regenerated; commit it."));
        }
        outcomes.AddRange(Orphans(directory, generated, folder, isCi));
        return outcomes;
    }

    /// <summary>Sync, warn about every rewritten file, fail on stale ones (CI).</summary>
    public static IReadOnlyList<GeneratedFileOutcome> SyncAndReport(GeneratedDirectory directory, IEnumerable<GeneratedFile> files,
        string rootDirectory, bool isCi, Action<string> warn)
    {
        var outcomes = Sync(directory, files, rootDirectory, isCi);
        foreach (var written in outcomes.Where(o => o.State == GeneratedFileState.Written)) warn(written.Message);
        ThrowIfStale(outcomes);
        return outcomes;
    }

    /// <summary>Fails with every stale or hand-edited file named (the message says how to fix it).</summary>
    public static void ThrowIfStale(IEnumerable<GeneratedFileOutcome> outcomes)
    {
        var stale = outcomes.Where(o => o.State is GeneratedFileState.Stale or GeneratedFileState.HandEdited).ToList();
        if (stale.Count > 0) throw new StaleGeneratedFileException(string.Join(Environment.NewLine, stale.Select(s => s.Message)));
    }

    private static IEnumerable<GeneratedFileOutcome> Orphans(GeneratedDirectory directory, List<GeneratedFile> generated, string folder, bool isCi)
    {
        if (!Directory.Exists(folder)) yield break;
        var known = generated.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(folder, directory.Pattern).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (known.Contains(name) || !File.ReadLines(path).Take(5).Any(l => l.Contains(directory.Marker, StringComparison.Ordinal)))
                continue;
            var shown = directory.Show(name);
            if (isCi)
            {
                yield return new(shown, GeneratedFileState.Stale, $"{shown} is stale: {directory.Source} no longer generates it. " +
                                                                  $"Run '{directory.RegenerateCommand}' locally (it deletes the file) and commit the result.");
                continue;
            }
            File.Delete(path);
            yield return new(shown, GeneratedFileState.Written, $"{shown} is no longer generated and has been deleted; commit it.");
        }
    }

    private static string FirstDifference(string current, string expected)
    {
        var have = current.Replace("\r\n", "\n").Split('\n');
        var want = expected.Split('\n');
        for (var i = 0; i < Math.Max(have.Length, want.Length); i++)
        {
            var a = i < have.Length ? have[i] : "<end of file>";
            var b = i < want.Length ? want[i] : "<end of file>";
            if (a != b) return $"line {i + 1} is '{a.Trim()}', the build generates '{b.Trim()}'";
        }
        return "line endings differ";
    }
}

/// <summary>A checked-in generated file differs from what the build declares (on CI); the message says how to fix it.</summary>
public sealed class StaleGeneratedFileException(string message) : BuildException(message);
