using System.Collections;
using Spectre.Console;

namespace TypedBuild;

/// <summary>Everything the engine takes from the outside world; tests pass their own.</summary>
public sealed class BuildHost
{
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Null: the process console (plain when NO_COLOR is set or output is redirected).</summary>
    public IAnsiConsole? Console { get; init; }

    /// <summary>Null: the nearest directory containing <c>.nuke/</c>, searched upward from the current
    /// directory, then from the build assembly's directory.</summary>
    public string? RootDirectory { get; init; }

    /// <summary>Cancel the build on Ctrl+C and SIGTERM.</summary>
    public bool HandleSignals { get; init; }

    public CancellationToken CancellationToken { get; init; }

    public static BuildHost FromProcess(IReadOnlyList<string> args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        return new BuildHost { Arguments = args, Environment = environment, HandleSignals = true };
    }

    internal string FindRoot()
    {
        if (RootDirectory is not null)
            return Path.GetFullPath(RootDirectory);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                    return dir.FullName;
            }
        }

        throw new UsageException("Could not find the root directory: no directory containing .nuke/ above " +
                                 $"{Directory.GetCurrentDirectory()}. Run the build from inside the repository.");
    }
}
