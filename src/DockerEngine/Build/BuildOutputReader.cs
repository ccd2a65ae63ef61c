using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DockerEngine.Internal;

/// <summary>
/// Turns the classic builder's JSON stream into <see cref="BuildProgress"/> events, remembers the image id, and
/// fails on the first error with the failing step and its last output lines.
/// </summary>
internal sealed partial class BuildOutputReader(IProgress<BuildProgress>? progress)
{
    private const int TailLines = 10;
    private readonly StringBuilder _partial = new();
    private readonly Queue<string> _stepTail = new();
    private string? _auxId;
    private string? _successfullyBuilt;

    public string? CurrentStep { get; private set; }
    public int Steps { get; private set; }
    public int CachedSteps { get; private set; }

    /// <summary>The id from aux, else from "Successfully built &lt;short id&gt;" (possibly short), else null.</summary>
    public string? ImageId => _auxId ?? _successfullyBuilt;

    public void Accept(JsonMessage message)
    {
        if (message.FailureMessage is { } failure)
        {
            Flush();
            throw Failure(failure);
        }
        if (message.Aux is { ValueKind: JsonValueKind.Object } aux && aux.TryGetProperty("ID", out var id) && id.GetString() is { } imageId)
        {
            _auxId = imageId;
        }
        if (message.Stream is { } text)
            AppendStream(text);
        if (message.Status is { } status)
            progress?.Report(new BuildProgress(BuildProgressKind.Status,
                string.Join(' ', new[] { message.Id, status, message.Progress }.Where(s => !string.IsNullOrEmpty(s)))));
    }

    /// <summary>Emits a last line that had no newline.</summary>
    public void Flush()
    {
        if (_partial.Length == 0)
            return;
        var line = _partial.ToString();
        _partial.Clear();
        Line(line);
    }

    public DockerBuildException Failure(string engineMessage)
    {
        var where = CurrentStep is null ? "" : $" at {CurrentStep}";
        var tail = _stepTail.ToList();
        var message = new StringBuilder($"Image build failed{where}: {engineMessage.Trim()}");
        message.Append(ErrorTranslator.Hint(engineMessage));
        if (tail.Count > 0)
        {
            message.Append("\nLast output of the step:");
            foreach (var line in tail)
                message.Append("\n  ").Append(line);
        }
        return new DockerBuildException(message.ToString(), engineMessage, CurrentStep, tail);
    }

    private void AppendStream(string text)
    {
        _partial.Append(text);
        var all = _partial.ToString();
        var lastNewline = all.LastIndexOf('\n');
        if (lastNewline < 0)
            return;
        _partial.Clear().Append(all, lastNewline + 1, all.Length - lastNewline - 1);
        foreach (var line in all[..lastNewline].Split('\n'))
            Line(line.TrimEnd('\r'));
    }

    private void Line(string line)
    {
        // The classic builder wraps RUN's stderr in ANSI colour codes; callers get plain text.
        line = AnsiColour().Replace(line, "");
        if (line.Length == 0)
            return;
        var step = StepLine().Match(line);
        if (step.Success)
        {
            CurrentStep = line.Trim();
            Steps++;
            _stepTail.Clear();
            progress?.Report(new BuildProgress(BuildProgressKind.Step, CurrentStep,
                int.Parse(step.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }
        if (line.Trim() == "---> Using cache")
        {
            CachedSteps++;
            progress?.Report(new BuildProgress(BuildProgressKind.CacheHit, line.Trim(), Steps));
            return;
        }
        var built = SuccessfullyBuilt().Match(line);
        if (built.Success)
            _successfullyBuilt = built.Groups[1].Value;
        _stepTail.Enqueue(line);
        if (_stepTail.Count > TailLines)
            _stepTail.Dequeue();
        progress?.Report(new BuildProgress(BuildProgressKind.Output, line, Steps == 0 ? null : Steps));
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiColour();

    [GeneratedRegex(@"^Step (\d+)/(\d+) : ")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^Successfully built ([0-9a-f]+)\s*$")]
    private static partial Regex SuccessfullyBuilt();
}
