using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;

namespace Images.Build;

/// <summary>
/// Turns the classic builder's JSON messages into <see cref="BuildProgress"/> events, remembers the image id, and
/// keeps the first error with the failing step and its last output lines.
/// </summary>
internal sealed partial class BuildStream(IProgress<BuildProgress>? progress) : IProgress<JSONMessage>
{
    private const int TailLines = 10;
    private readonly StringBuilder _partial = new();
    private readonly Queue<string> _stepTail = new();
    private string? _auxId;
    private string? _successfullyBuilt;

    public string? CurrentStep { get; private set; }
    public int Steps { get; private set; }
    public int CachedSteps { get; private set; }
    /// <summary>Short ids of the images this build's steps produced or reused (" ---> 1a2b3c4d5e6f").</summary>
    public HashSet<string> StepImages { get; } = [];
    /// <summary>The first error the engine sent in the stream, as a user-facing exception.</summary>
    public ImagesException? Error { get; private set; }

    /// <summary>The id from aux, else from "Successfully built &lt;short id&gt;" (possibly short), else null.</summary>
    public string? ImageId => _auxId ?? _successfullyBuilt;

    public void Report(JSONMessage message)
    {
        if (Error is not null)
            return;
        if (message.Error?.Message is { Length: > 0 } failure)
        {
            Flush();
            Error = Failure(failure);
            return;
        }
        if (message.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id) && IdOf(id) is { } imageId)
            _auxId = imageId;
        if (message.Stream is { } text)
            AppendStream(text);
        if (message.Status is { } status)
            progress?.Report(new BuildProgress(BuildProgressKind.Status,
                string.Join(' ', new[] { message.ID, status, message.Progress?.ToString() }.Where(s => !string.IsNullOrEmpty(s)))));
    }

    private static string? IdOf(object value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    /// <summary>Emits a last line that had no newline.</summary>
    public void Flush()
    {
        if (_partial.Length == 0)
            return;
        var line = _partial.ToString();
        _partial.Clear();
        Line(line);
    }

    public ImagesException Failure(string engineMessage, Exception? inner = null)
    {
        var where = CurrentStep is null ? "" : $" at {CurrentStep}";
        // The step line already shows the RUN command; the engine's message repeats it whole: keep only its exit code.
        var words = CurrentStep is null ? engineMessage.Trim() : NonZeroCode().Replace(engineMessage.Trim(), "the command exited with code $1");
        var message = new StringBuilder($"Image build failed{where}: {words}");
        message.Append(Hint(engineMessage));
        if (_stepTail.Count > 0)
        {
            message.Append("\nLast output of the step:");
            foreach (var line in _stepTail.Distinct()) // MSBuild repeats its errors in a summary: each once
                message.Append("\n  ").Append(line);
        }
        return new ImagesException(message.ToString(), inner);
    }

    /// <summary>The Dockerfile's build stage works in /src (WORKDIR) on a copy of the repository: /src/src/App/File.cs
    /// is src/App/File.cs here, and MSBuild's " [/src/….csproj]" suffix only repeats the project.</summary>
    internal static string RepositoryPaths(string line) => ContainerPath().Replace(ProjectSuffix().Replace(line, ""), "$1");

    /// <summary>The "what to do" sentence for an engine message, or "" when there is nothing useful to add.</summary>
    internal static string Hint(string engineMessage)
    {
        bool Has(string part) => engineMessage.Contains(part, StringComparison.OrdinalIgnoreCase);
        if (Has("pull access denied") || Has("manifest unknown") || Has("no such host") || Has("dial tcp") || Has("i/o timeout"))
            return ". The registry is unreachable or refused access: build the image locally, or check the registry address and credentials.";
        if (Has("No such image"))
            return ". Build it locally or pull it first (`docker images` lists what exists).";
        if (Has("Dockerfile parse error") || Has("unknown instruction") || Has("Cannot locate specified Dockerfile"))
            return ". Fix the Dockerfile.";
        return "";
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
        // The classic builder wraps RUN's stderr in ANSI colour codes; callers get plain text, with repository paths.
        line = RepositoryPaths(AnsiColour().Replace(line, ""));
        if (line.Length == 0)
            return;
        var step = StepLine().Match(line);
        if (step.Success)
        {
            CurrentStep = line.Trim();
            Steps++;
            _stepTail.Clear();
            progress?.Report(new BuildProgress(BuildProgressKind.Step, CurrentStep));
            return;
        }
        if (line.Trim() == "---> Using cache")
        {
            CachedSteps++;
            progress?.Report(new BuildProgress(BuildProgressKind.CacheHit, line.Trim()));
            return;
        }
        var result = StepResult().Match(line);
        if (result.Success)
            StepImages.Add(result.Groups[1].Value);
        var built = SuccessfullyBuilt().Match(line);
        if (built.Success)
            _successfullyBuilt = built.Groups[1].Value;
        _stepTail.Enqueue(line);
        if (_stepTail.Count > TailLines)
            _stepTail.Dequeue();
        progress?.Report(new BuildProgress(BuildProgressKind.Output, line));
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiColour();

    [GeneratedRegex(@"^The command '.*' returned a non-zero code: (\d+)$", RegexOptions.Singleline)]
    private static partial Regex NonZeroCode();

    [GeneratedRegex(@"(^|[\s(\[""'])/src/(?=\S)")]
    private static partial Regex ContainerPath();

    [GeneratedRegex(@" \[/src/[^\]]+\.csproj(::[^\]]*)?\]$")]
    private static partial Regex ProjectSuffix();

    [GeneratedRegex(@"^Step \d+/\d+ : ")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^\s*---> ([0-9a-f]{12})\s*$")]
    private static partial Regex StepResult();

    [GeneratedRegex(@"^Successfully built ([0-9a-f]+)\s*$")]
    private static partial Regex SuccessfullyBuilt();
}
