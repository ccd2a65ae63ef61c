using System.ComponentModel;
using CliWrap;

namespace TypedBuild;

/// <summary>
/// The one way this repository starts a child process (CliWrap underneath): list arguments (no shell), output
/// captured and, with a <see cref="BuildLog"/>, streamed prefixed and redacted; every line also to
/// <see cref="ToolOptions.OnOutput"/>; environment overrides (null removes a variable); an exit-code check whose
/// message carries the output's tail; cancellation kills the whole process tree. Libraries and tests use
/// <see cref="Silent"/>, which prints nothing.
/// </summary>
public sealed class ProcessRunner(BuildLog? log = null, string? defaultWorkingDirectory = null)
{
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);

    private const int TailLines = 30;

    /// <summary>Prints nothing; runs in the current directory unless told otherwise.</summary>
    public static ProcessRunner Silent { get; } = new();

    /// <summary>Variables removed from every child's environment (the [Secret] parameters' variables).</summary>
    internal void Hide(IEnumerable<string> variables)
    {
        foreach (var variable in variables)
            _hidden.Add(variable);
    }

    public async Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments, ToolOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ToolOptions();
        cancellationToken.ThrowIfCancellationRequested();
        var args = arguments.ToList();
        var executable = ToolLocator.Find(tool)
                         ?? throw new BuildException($"Tool '{tool}' was not found on PATH. Install it or put its directory on PATH.");
        var prefix = options.Prefix ?? Path.GetFileNameWithoutExtension(tool);
        var workingDirectory = options.WorkingDirectory ?? defaultWorkingDirectory ?? Directory.GetCurrentDirectory();
        var display = Display(tool, args);
        var streamed = options.LogOutput && log is not null;

        // The build's secrets (REGISTRY_PASSWORD…) are the build's own: restore, MSBuild and test hosts never
        // need them, and a child could log or leak its environment. A target hands one on explicitly.
        var environment = _hidden.ToDictionary(name => name, string? (_) => null, StringComparer.Ordinal);
        foreach (var (key, value) in options.Environment ?? new Dictionary<string, string?>())
            environment[key] = value;

        var lines = new List<ToolOutputLine>();
        void OnLine(string line, bool isError)
        {
            lock (lines)
                lines.Add(new ToolOutputLine(line, isError));
            if (streamed)
                log!.ToolOutput(prefix, line);
            options.OnOutput?.Invoke(line);
        }

        log?.Info($"> {display}");
        var command = Cli.Wrap(executable).WithArguments(args).WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment).WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => OnLine(line, isError: false)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => OnLine(line, isError: true)));
        CommandResult completed;
        try
        {
            completed = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new BuildException($"Could not start {display} in {workingDirectory}: {e.Message}", e);
        }

        List<ToolOutputLine> output;
        lock (lines)
            output = [.. lines];
        var result = new ToolResult(completed.ExitCode, output);
        if (options.CheckExitCode && result.ExitCode != 0)
            throw new ToolFailedException(FailureMessage(display, workingDirectory, result, streamed && log!.Verbosity >= Verbosity.Normal), result.ExitCode);
        return result;
    }

    private static string FailureMessage(string display, string workingDirectory, ToolResult result, bool streamed)
    {
        var message = $"'{display}' exited with code {result.ExitCode} (working directory {workingDirectory}).";
        if (streamed || result.Output.Count == 0)
            return message + " Its output is above.";
        return message + " Last output:" + Environment.NewLine + Tail(result.Output.Select(l => l.Text), TailLines);
    }

    /// <summary>The last <paramref name="count"/> non-empty lines, indented: how a failure message quotes output.</summary>
    public static string Tail(IEnumerable<string> lines, int count) =>
        string.Join(Environment.NewLine, lines.Where(l => l.Trim().Length > 0).TakeLast(count).Select(l => "  " + l.TrimEnd()));

    /// <summary>The command as a user could paste it (quoted where needed); only for display.</summary>
    public static string Display(string tool, IEnumerable<string> args) =>
        string.Join(' ', args.Prepend(tool).Select(a =>
            a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=@+,%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'"));
}
