using System.Diagnostics;
using System.Text;

namespace Images;

/// <summary>Runs a host tool (apt-get, debootstrap); lines go to <c>onLine</c> if given; on failure the exception carries the output's tail.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string what,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default, Action<string>? onLine = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data, onLine);
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            throw new ImagesException($"{what}: could not start '{fileName}': {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // flushes the async output readers
        var text = output.ToString();
        if (process.ExitCode != 0)
            throw new ImagesException(
                $"{what} failed: '{fileName} {string.Join(' ', info.ArgumentList)}' exited with {process.ExitCode}. " +
                $"Last output:{Environment.NewLine}{Tail(text, 15)}");
        return text;
    }

    private static void Append(StringBuilder output, string? line, Action<string>? onLine)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
        onLine?.Invoke(line);
    }

    internal static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).Select(l => "  " + l.TrimEnd()));
}
