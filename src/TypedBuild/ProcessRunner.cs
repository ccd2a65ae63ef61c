using System.Diagnostics;

namespace TypedBuild;

/// <summary>Runs a child process for <see cref="Tool"/>: list arguments, streamed prefixed redacted output,
/// exit-code check, cancellation that kills the process tree.</summary>
public sealed class ProcessRunner(BuildLog log, string defaultWorkingDirectory)
{
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);

    private const int TailLines = 30;

    // A grandchild that inherited stdout (a build server) can keep the pipe open after the tool exits;
    // this bounds how long the last output lines are awaited after exit.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Variables removed from every child's environment (the [Secret] parameters' variables).</summary>
    internal void Hide(IEnumerable<string> variables)
    {
        foreach (var variable in variables)
            _hidden.Add(variable);
    }

    public async Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments, ToolOptions? options, CancellationToken cancellationToken)
    {
        options ??= new ToolOptions();
        cancellationToken.ThrowIfCancellationRequested();
        var args = arguments.ToList();
        var executable = ToolLocator.Find(tool)
                         ?? throw new BuildException($"Tool '{tool}' was not found on PATH. Install it or put its directory on PATH.");
        var prefix = options.Prefix ?? Path.GetFileNameWithoutExtension(tool);
        var workingDirectory = options.WorkingDirectory ?? defaultWorkingDirectory;
        var display = Display(tool, args);

        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        foreach (var arg in args)
            startInfo.ArgumentList.Add(arg);
        // The build's secrets (REGISTRY_PASSWORD…) are the build's own: restore, MSBuild and test hosts never
        // need them, and a child could log or leak its environment. A target hands one on explicitly below.
        foreach (var name in _hidden)
            startInfo.Environment.Remove(name);
        foreach (var (key, value) in options.Environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                startInfo.Environment.Remove(key);
            else
                startInfo.Environment[key] = value;
        }

        log.Info($"> {display}");
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"Could not start {display} in {workingDirectory}: {e.Message}", e);
        }

        var lines = new List<ToolOutputLine>();
        var pumps = Task.WhenAll(
            Pump(process.StandardOutput, isError: false, lines, prefix, options),
            Pump(process.StandardError, isError: true, lines, prefix, options));

        await using (cancellationToken.Register(() => Kill(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAny(pumps, Task.Delay(DrainTimeout, CancellationToken.None)).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        List<ToolOutputLine> output;
        lock (lines)
            output = [.. lines];
        var result = new ToolResult(process.ExitCode, output);
        if (options.CheckExitCode && result.ExitCode != 0)
            throw new ToolFailedException(FailureMessage(display, workingDirectory, result, streamed: options.LogOutput && log.Verbosity >= Verbosity.Normal), result.ExitCode);
        return result;
    }

    private async Task Pump(StreamReader reader, bool isError, List<ToolOutputLine> lines, string prefix, ToolOptions options)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (lines)
                lines.Add(new ToolOutputLine(line, isError));
            if (options.LogOutput)
                log.ToolOutput(prefix, line);
            options.OnOutput?.Invoke(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string FailureMessage(string display, string workingDirectory, ToolResult result, bool streamed)
    {
        var message = $"'{display}' exited with code {result.ExitCode} (working directory {workingDirectory}).";
        if (streamed || result.Output.Count == 0)
            return message + " Its output is above.";
        var tail = result.Output.TakeLast(TailLines).Select(l => "  " + l.Text);
        return message + " Last output:" + Environment.NewLine + string.Join(Environment.NewLine, tail);
    }

    /// <summary>The command as a user could paste it (quoted where needed); only for display.</summary>
    public static string Display(string tool, IEnumerable<string> args) =>
        string.Join(' ', args.Prepend(tool).Select(a =>
            a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=@+,%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'"));
}
