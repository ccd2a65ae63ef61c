using System.Text;
using CliWrap;

namespace Images;

/// <summary>Runs a host tool (apt-get, debootstrap) through CliWrap; lines go to <c>onLine</c> if given; on failure the
/// exception carries the output's tail.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string what,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default, Action<string>? onLine = null)
    {
        var output = new StringBuilder();
        var lines = PipeTarget.ToDelegate(line =>
        {
            lock (output)
                output.AppendLine(line);
            onLine?.Invoke(line);
        });
        var command = Cli.Wrap(fileName).WithArguments(arguments).WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(environment?.ToDictionary(e => e.Key, e => (string?)e.Value) ?? [])
            .WithStandardOutputPipe(lines).WithStandardErrorPipe(lines);
        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(ct);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ImagesException($"{what}: could not start '{fileName}': {e.Message}", e);
        }
        var text = output.ToString();
        if (result.ExitCode != 0)
            throw new ImagesException(
                $"{what} failed: '{fileName} {command.Arguments}' exited with {result.ExitCode}. Last output:{Environment.NewLine}{Tail(text, 15)}");
        return text;
    }

    internal static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).Select(l => "  " + l.TrimEnd()));
}
