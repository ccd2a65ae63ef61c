using System.Diagnostics;

namespace Containers.Tests.Cleanup;

/// <summary>Runs this test assembly as a program (see <see cref="Program"/>) and reads its stdout line by line.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static ChildProcess Start(string command)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        info.ArgumentList.Add(command);
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start `dotnet` for the child process."));
    }

    /// <summary>The first stdout line starting with <paramref name="prefix"/>, within <paramref name="timeout"/>.</summary>
    public async Task<string[]> ReadLineAsync(string prefix, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
                if (line.StartsWith(prefix + " ", StringComparison.Ordinal))
                    return line.Split(' ')[1..];
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The child process did not print '{prefix} …' within {timeout.TotalSeconds} s.");
        }

        var stderr = await _process.StandardError.ReadToEndAsync();
        throw new InvalidOperationException($"The child process ended without printing '{prefix} …'. Its stderr:\n{stderr}");
    }

    /// <summary>SIGKILL, the same as <c>kill -9</c>: no finally blocks, no dispose, nothing cleans up.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
