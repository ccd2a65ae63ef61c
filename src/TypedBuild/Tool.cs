namespace TypedBuild;

/// <summary>
/// A command-line tool: <c>Tool DotNet => ToolFromPath("dotnet");</c> then
/// <c>await DotNet(["build", Solution, "-c", "Release"], ct);</c>. Arguments are passed as a list (no shell,
/// no quoting); output is streamed with a <c>[tool]</c> prefix and redacted; a non-zero exit code throws
/// <see cref="ToolFailedException"/>; cancellation kills the whole process tree.
/// </summary>
public delegate Task<ToolResult> Tool(IEnumerable<string> arguments, CancellationToken cancellationToken, ToolOptions? options = null);

public sealed record ToolOptions
{
    /// <summary>Defaults to the build's root directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Added to the inherited environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Stream output to the build's log, when the runner has one (it is always captured in <see cref="ToolResult"/>).</summary>
    public bool LogOutput { get; init; } = true;

    /// <summary>Throw <see cref="ToolFailedException"/> on a non-zero exit code.</summary>
    public bool CheckExitCode { get; init; } = true;

    /// <summary>Line prefix; defaults to the tool's file name.</summary>
    public string? Prefix { get; init; }

    /// <summary>Called for every line (stdout and stderr), e.g. to follow progress; how a library reports without printing.</summary>
    public Action<string>? OnOutput { get; init; }
}

public sealed record ToolOutputLine(string Text, bool IsError);

public sealed record ToolResult(int ExitCode, IReadOnlyList<ToolOutputLine> Output)
{
    public string StandardOutput => string.Join('\n', Output.Where(l => !l.IsError).Select(l => l.Text));
    public string StandardError => string.Join('\n', Output.Where(l => l.IsError).Select(l => l.Text));
}

/// <summary>A tool exited with a non-zero code. The message names the command, the code and the directory,
/// and carries the last lines of output when they were not streamed.</summary>
public sealed class ToolFailedException(string message, int exitCode) : BuildException(message)
{
    public int ExitCode { get; } = exitCode;
}
