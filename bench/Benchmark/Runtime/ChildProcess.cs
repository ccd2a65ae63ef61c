using System.Diagnostics;
using System.Text;

namespace Benchmark.Runtime;

/// <summary>The outcome of a child process: exit code, wall time and what it printed.</summary>
public sealed record ProcessOutcome(int ExitCode, TimeSpan Elapsed, string StandardOutput, string StandardError)
{
    public string Tail(int lines = 15) =>
        string.Join('\n', (StandardOutput + "\n" + StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));
}

/// <summary>
/// Runs wrk, nsenter, ss and build.sh. A timeout or Ctrl+C kills the child's whole process tree (by its pid),
/// so a cancelled benchmark leaves no load generator or nested build running.
/// </summary>
public static class ChildProcess
{
    public static async Task<ProcessOutcome> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken ct, string? workingDirectory = null, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data, onLine);
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BenchmarkException($"Cannot start '{fileName}': {e.Message}. Is it installed and on PATH?", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (ct.IsCancellationRequested)
                throw;
            throw new BenchmarkException(
                $"'{fileName} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout.TotalSeconds:0} s and was killed. Last output:\n{Tail(stdout, stderr)}");
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        return new ProcessOutcome(process.ExitCode, clock.Elapsed, stdout.ToString(), stderr.ToString());
    }

    private static void Append(StringBuilder buffer, string? line, Action<string>? onLine)
    {
        if (line is null)
            return;
        lock (buffer)
            buffer.AppendLine(line);
        onLine?.Invoke(line);
    }

    private static string Tail(StringBuilder stdout, StringBuilder stderr) =>
        new ProcessOutcome(-1, TimeSpan.Zero, stdout.ToString(), stderr.ToString()).Tail();

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Exited on its own in the meantime.
        }
    }
}
