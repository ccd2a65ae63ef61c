namespace TypedBuild;

/// <summary>Per-run services the build class reaches through <see cref="BuildScript"/>.</summary>
internal sealed class BuildContext(BuildLog log, BuildSummary summary, ProcessRunner runner, IReadOnlyDictionary<string, string> environment)
{
    public BuildLog Log { get; } = log;
    public BuildSummary Summary { get; } = summary;
    public ProcessRunner Runner { get; } = runner;
    public IReadOnlyDictionary<string, string> Environment { get; } = environment;
    public List<(string Name, Func<CancellationToken, Task> Action)> Cleanups { get; } = [];

    /// <summary>The build's parameters (group entries included), known once the command line is read.</summary>
    public IReadOnlyList<BuildParameter> Parameters { get; set; } = [];
}
