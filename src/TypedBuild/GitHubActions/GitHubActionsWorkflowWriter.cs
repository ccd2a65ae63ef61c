namespace TypedBuild.GitHubActions;

/// <summary>
/// Keeps <c>.github/workflows/</c> in step with the <c>[GitHubActions]</c> declarations, as <see cref="GeneratedFiles"/>
/// keeps any generated directory: the engine syncs on every run (rewritten and warned about locally, a failure on CI).
/// </summary>
public static class GitHubActionsWorkflowWriter
{
    public static GeneratedDirectory Directory { get; } = new(GitHubActionsWorkflow.Directory, "*.yml",
        GitHubActionsWorkflow.GeneratedMarker, "the [GitHubActions] declarations in build/", GitHubActionsWorkflow.RegenerateCommand);

    public static IReadOnlyList<GeneratedFileOutcome> Sync(Type buildType, string rootDirectory, bool isCi) =>
        GeneratedFiles.Sync(Directory, Files(buildType), rootDirectory, isCi);

    /// <summary>The engine's one-liner: sync, warn about every rewritten file, fail on stale ones (CI).</summary>
    public static IReadOnlyList<GeneratedFileOutcome> SyncAndReport(Type buildType, string rootDirectory, bool isCi, Action<string> warn) =>
        GeneratedFiles.SyncAndReport(Directory, Files(buildType), rootDirectory, isCi, warn);

    private static IEnumerable<GeneratedFile> Files(Type buildType) =>
        GitHubActionsWorkflow.DeclaredOn(buildType).Select(w => new GeneratedFile(Path.GetFileName(w.RelativePath), w.Content));
}
