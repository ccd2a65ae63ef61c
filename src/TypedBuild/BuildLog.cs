using Spectre.Console;
using Spectre.Console.Rendering;

namespace TypedBuild;

/// <summary>
/// The build's console. Every write is redacted. Lines (log, tool output) go to the underlying writer
/// directly so long lines are never re-wrapped; headers and tables are rendered by Spectre.Console.
/// Thread-safe: tool output arrives on two threads.
/// </summary>
public sealed class BuildLog
{
    private const string Reset = "\u001b[0m";
    private readonly object _gate = new();
    private readonly IAnsiConsole _console;
    private readonly bool _color;

    public BuildLog(IAnsiConsole console, SecretRedactor redactor, Verbosity verbosity)
    {
        _console = console;
        Redactor = redactor;
        Verbosity = verbosity;
        _color = console.Profile.Capabilities.Ansi && console.Profile.Capabilities.ColorSystem != ColorSystem.NoColors;
    }

    public SecretRedactor Redactor { get; }
    public Verbosity Verbosity { get; internal set; }
    internal bool Color => _color;

    /// <summary>Creates the process console: plain when NO_COLOR is set or stdout is redirected.</summary>
    public static IAnsiConsole CreateConsole(IReadOnlyDictionary<string, string> environment)
    {
        var redirected = Console.IsOutputRedirected;
        var plain = redirected || environment.TryGetValue("NO_COLOR", out var noColor) && noColor.Length > 0;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (redirected)
            console.Profile.Width = environment.TryGetValue("COLUMNS", out var c) && int.TryParse(c, out var w) && w > 20 ? w : 120;
        return console;
    }

    public string Redact(string text) => Redactor.Redact(text);

    public void Info(string message) => WriteLine(Verbosity.Normal, message, null);

    public void Verbose(string message) => WriteLine(Verbosity.Verbose, message, "\u001b[2m");

    public void Warn(string message) => WriteLine(Verbosity.Quiet, message, "\u001b[33m");

    public void Error(string message) => WriteLine(Verbosity.Quiet, message, "\u001b[31m");

    public void Success(string message) => WriteLine(Verbosity.Quiet, message, "\u001b[32m");

    /// <summary>Always printed, unstyled: help, plan, closing lines.</summary>
    public void Line(string message) => WriteLine(Verbosity.Quiet, message, null);

    /// <summary>One line of a child process, prefixed with the tool name.</summary>
    public void ToolOutput(string prefix, string line)
    {
        if (Verbosity < Verbosity.Normal)
            return;
        var text = Redact(line);
        lock (_gate)
        {
            var writer = _console.Profile.Out.Writer;
            if (_color)
                writer.WriteLine($"\u001b[2m[{prefix}]{Reset} {text}");
            else
                writer.WriteLine($"[{prefix}] {text}");
        }
    }

    /// <summary>The header printed before a target runs.</summary>
    public void Header(string title)
    {
        if (Verbosity < Verbosity.Normal)
            return;
        Write(new Rule($"[bold]{Markup.Escape(Redact(title))}[/]") { Justification = Justify.Left, Style = new Style(Spectre.Console.Color.Blue) });
    }

    /// <summary>Renders a Spectre renderable; callers redact the text they put in it.</summary>
    public void Write(IRenderable renderable)
    {
        lock (_gate)
            _console.Write(renderable);
    }

    private void WriteLine(Verbosity level, string message, string? ansi)
    {
        if (Verbosity < level)
            return;
        var text = Redact(message);
        lock (_gate)
        {
            var writer = _console.Profile.Out.Writer;
            writer.WriteLine(_color && ansi is not null ? ansi + text + Reset : text);
        }
    }
}
