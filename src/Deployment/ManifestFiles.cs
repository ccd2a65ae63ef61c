namespace Deployment;

public enum ManifestFileState
{
    /// <summary>The file on disk equals what is generated.</summary>
    UpToDate,
    /// <summary>Missing, different or orphaned, and rewritten or deleted (local runs).</summary>
    Written,
    /// <summary>Missing, different or orphaned, and left alone because this is CI: the build must fail.</summary>
    Stale,
}

/// <summary>What happened to one file; <see cref="Message"/> is ready to print.</summary>
public sealed record ManifestFileOutcome(string Path, ManifestFileState State, string Message);

/// <summary>
/// Keeps a directory of generated manifests in step with the settings, like the generated CI workflows: locally a
/// difference is rewritten (the caller warns, so it gets committed); on CI it is <see cref="ManifestFileState.Stale"/>,
/// because the checked-in manifests would no longer be what the pipeline declares.
/// </summary>
public static class ManifestFiles
{
    /// <summary>Syncs <paramref name="relativeDirectory"/> under <paramref name="root"/>; messages name paths relative to the root.</summary>
    public static IReadOnlyList<ManifestFileOutcome> Sync(IReadOnlyList<ManifestFile> files, string root, string relativeDirectory, bool isCi, string regenerateCommand)
    {
        var directory = Path.Combine(root, relativeDirectory);
        var outcomes = new List<ManifestFileOutcome>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.Name);
            var shown = $"{relativeDirectory}/{file.Name}";
            var current = File.Exists(path) ? File.ReadAllText(path) : null;
            if (current == file.Content)
            {
                outcomes.Add(new(shown, ManifestFileState.UpToDate, $"{shown} is up to date."));
                continue;
            }
            var difference = current is null ? "the file is missing" : FirstDifference(current, file.Content);
            if (isCi)
            {
                outcomes.Add(new(shown, ManifestFileState.Stale, $"{shown} is stale: {difference}. Run '{regenerateCommand}' locally and commit the result."));
                continue;
            }
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, file.Content);
            outcomes.Add(new(shown, ManifestFileState.Written, current is null ? $"{shown} was missing and has been generated; commit it." : $"{shown} was out of date ({difference}) and has been regenerated; commit it."));
        }
        outcomes.AddRange(Orphans(files, directory, relativeDirectory, isCi, regenerateCommand));
        return outcomes;
    }

    /// <summary>Writes every file (a copy for one run, e.g. pinned to the digest just published), replacing what was there.</summary>
    public static void Write(IReadOnlyList<ManifestFile> files, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in files) File.WriteAllText(Path.Combine(directory, file.Name), file.Content);
    }

    // A generated file that is no longer generated would still be applied by `kubectl apply -f <directory>`.
    private static IEnumerable<ManifestFileOutcome> Orphans(IReadOnlyList<ManifestFile> files, string directory, string relativeDirectory, bool isCi, string regenerateCommand)
    {
        if (!Directory.Exists(directory)) yield break;
        var known = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (known.Contains(Path.GetFileName(path)) || !File.ReadLines(path).Take(1).Any(l => l.StartsWith(KubernetesManifests.GeneratedMarker, StringComparison.Ordinal)))
                continue;
            var shown = $"{relativeDirectory}/{Path.GetFileName(path)}";
            if (isCi)
            {
                yield return new(shown, ManifestFileState.Stale, $"{shown} is stale: it is no longer generated. Run '{regenerateCommand}' locally (it deletes the file) and commit the result.");
                continue;
            }
            File.Delete(path);
            yield return new(shown, ManifestFileState.Written, $"{shown} is no longer generated and has been deleted; commit it.");
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
            if (a != b) return $"line {i + 1} is '{a.Trim()}', the settings generate '{b.Trim()}'";
        }
        return "line endings differ";
    }
}
