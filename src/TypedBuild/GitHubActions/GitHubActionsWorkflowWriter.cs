namespace TypedBuild.GitHubActions;

public enum WorkflowFileState
{
    /// <summary>The checked-in file equals what the declaration generates.</summary>
    UpToDate,
    /// <summary>Missing or different, and rewritten (local runs).</summary>
    Written,
    /// <summary>Missing or different, and left alone because this is CI: the build must fail.</summary>
    Stale,
}

/// <summary>What happened to one workflow file; <see cref="Message"/> is ready to print.</summary>
public sealed record WorkflowFileOutcome(string RelativePath, WorkflowFileState State, string Message);

/// <summary>
/// Keeps <c>.github/workflows/</c> in step with the <c>[GitHubActions]</c> declarations. The engine calls
/// <see cref="Sync"/> on every run: locally a changed declaration rewrites the file (and warns, so the
/// change gets committed); on CI (<c>CI=true</c>) a checked-in file that differs is <see cref="WorkflowFileState.Stale"/>
/// and <see cref="ThrowIfStale"/> fails the build, because CI would be running a workflow nobody declared.
/// </summary>
public static class GitHubActionsWorkflowWriter
{
    public static IReadOnlyList<WorkflowFileOutcome> Sync(Type buildType, string rootDirectory, bool isCi) =>
        Sync(GitHubActionsWorkflow.DeclaredOn(buildType), rootDirectory, isCi);

    public static IReadOnlyList<WorkflowFileOutcome> Sync(IEnumerable<GitHubActionsWorkflow> workflows, string rootDirectory, bool isCi)
    {
        var declared = workflows.ToList();
        var outcomes = new List<WorkflowFileOutcome>();
        foreach (var workflow in declared)
        {
            var path = Path.Combine(rootDirectory, workflow.RelativePath);
            var current = File.Exists(path) ? File.ReadAllText(path) : null;
            if (current == workflow.Content)
            {
                outcomes.Add(new(workflow.RelativePath, WorkflowFileState.UpToDate, $"{workflow.RelativePath} is up to date."));
                continue;
            }
            var difference = current is null ? "the file is missing" : FirstDifference(current, workflow.Content);
            if (isCi)
            {
                outcomes.Add(new(workflow.RelativePath, WorkflowFileState.Stale,
                    $"{workflow.RelativePath} is stale: {difference}. It is generated from [GitHubActions(\"{workflow.Name}\")] in build/; " +
                    $"run '{GitHubActionsWorkflow.RegenerateCommand}' locally and commit the result."));
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, workflow.Content);
            outcomes.Add(new(workflow.RelativePath, WorkflowFileState.Written,
                current is null
                    ? $"{workflow.RelativePath} was missing and has been generated; commit it."
                    : $"{workflow.RelativePath} was out of date ({difference}) and has been regenerated; commit it."));
        }
        outcomes.AddRange(Orphans(declared, rootDirectory, isCi));
        return outcomes;
    }

    // A generated file whose [GitHubActions] declaration was removed would keep running on GitHub: remove it too.
    private static IEnumerable<WorkflowFileOutcome> Orphans(List<GitHubActionsWorkflow> declared, string rootDirectory, bool isCi)
    {
        var directory = Path.Combine(rootDirectory, GitHubActionsWorkflow.Directory);
        if (!Directory.Exists(directory)) yield break;
        var known = declared.Select(w => Path.GetFileName(w.RelativePath)).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(directory, "*.yml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (known.Contains(name) || !File.ReadLines(path).Take(5).Any(l => l.Contains(GitHubActionsWorkflow.GeneratedMarker, StringComparison.Ordinal)))
                continue;
            var relative = $"{GitHubActionsWorkflow.Directory}/{name}";
            if (isCi)
            {
                yield return new(relative, WorkflowFileState.Stale,
                    $"{relative} is stale: it was generated from a [GitHubActions] declaration that no longer exists. " +
                    $"Run '{GitHubActionsWorkflow.RegenerateCommand}' locally (it deletes the file) and commit the result.");
                continue;
            }
            File.Delete(path);
            yield return new(relative, WorkflowFileState.Written, $"{relative} was generated from a declaration that no longer exists and has been deleted; commit it.");
        }
    }

    /// <summary>
    /// The engine's one-liner: sync, warn about every rewritten file, fail on stale ones (CI).
    /// <code>GitHubActionsWorkflowWriter.SyncAndReport(build.GetType(), root, build.IsServerBuild, log.Warn);</code>
    /// </summary>
    public static IReadOnlyList<WorkflowFileOutcome> SyncAndReport(Type buildType, string rootDirectory, bool isCi, Action<string> warn)
    {
        var outcomes = Sync(buildType, rootDirectory, isCi);
        foreach (var written in outcomes.Where(o => o.State == WorkflowFileState.Written)) warn(written.Message);
        ThrowIfStale(outcomes);
        return outcomes;
    }

    /// <summary>Fails with every stale file named (the message says how to fix it).</summary>
    public static void ThrowIfStale(IEnumerable<WorkflowFileOutcome> outcomes)
    {
        var stale = outcomes.Where(o => o.State == WorkflowFileState.Stale).ToList();
        if (stale.Count > 0) throw new StaleWorkflowException(string.Join(Environment.NewLine, stale.Select(s => s.Message)));
    }

    private static string FirstDifference(string current, string expected)
    {
        var have = current.Replace("\r\n", "\n").Split('\n');
        var want = expected.Split('\n');
        for (var i = 0; i < Math.Max(have.Length, want.Length); i++)
        {
            var a = i < have.Length ? have[i] : "<end of file>";
            var b = i < want.Length ? want[i] : "<end of file>";
            if (a != b) return $"line {i + 1} is '{a.Trim()}', the declaration generates '{b.Trim()}'";
        }
        return "line endings differ";
    }
}

public sealed class StaleWorkflowException(string message) : Exception(message);
