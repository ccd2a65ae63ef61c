using System.Diagnostics;

namespace CreditRobot.Tests.Infrastructure;

/// <summary>Runs a short command to completion and fails with its output when it fails.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout}");
        }
        var output = await stdout + await stderr;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"'{file} {string.Join(' ', start.ArgumentList)}' exited {process.ExitCode}: {output}");
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
