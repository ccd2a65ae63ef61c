using System.Text.RegularExpressions;
using Containers.Output;

namespace Containers.Waiting;

internal sealed class LogMessageCondition(Regex pattern, LogStream? stream, int occurrences, TimeSpan? timeout) : IWaitUntil
{
    public TimeSpan? Timeout => timeout;

    public string Description =>
        $"{(occurrences == 1 ? "a line" : $"{occurrences} lines")} on {stream?.ToString().ToLowerInvariant() ?? "stdout/stderr"} " +
        $"matching /{pattern}/";

    public Task<WaitCheck> CheckAsync(IContainer container, CancellationToken cancellationToken)
    {
        var lines = container.Logs.Lines;
        var matches = lines.Count(l => (stream is null || l.Stream == stream) && pattern.IsMatch(l.Text));
        return Task.FromResult(matches >= occurrences
            ? WaitCheck.Done($"{matches} matching line(s)")
            : WaitCheck.NotYet($"{matches} of {occurrences} matching line(s) among {lines.Count} lines"));
    }
}
