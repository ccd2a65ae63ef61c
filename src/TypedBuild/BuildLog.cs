using Spectre.Console;
using Spectre.Console.Rendering;

namespace TypedBuild;

/// <summary>
/// The build's console. Every write is redacted. Lines (log, tool output) go to the writer directly so long
/// lines are never re-wrapped; headers and tables are rendered by Spectre.Console, which is only created
/// when first needed (--help and --plan never load it: startup budget). Thread-safe: tool output arrives
/// on two threads.
/// </summary>
public sealed class BuildLog
{
    private const string Reset = "\u001b[0m";
    private readonly object _gate = new();
    private readonly TextWriter _writer;
    private readonly Lazy<IAnsiConsole> _console;
    private readonly int? _width;

    /// <summary>Writes to <paramref name="console"/> (tests pass one over a StringWriter).</summary>
    public BuildLog(IAnsiConsole console, SecretRedactor redactor, Verbosity verbosity)
        : this(console.Profile.Out.Writer,
            console.Profile.Capabilities.Ansi && console.Profile.Capabilities.ColorSystem != ColorSystem.NoColors,
            new Lazy<IAnsiConsole>(console), redactor, verbosity)
    {
    }

    private BuildLog(TextWriter writer, bool color, Lazy<IAnsiConsole> console, SecretRedactor redactor, Verbosity verbosity, int? width = null)
    {
        _width = width;
        _writer = writer;
        Color = color;
        _console = console;
        Redactor = redactor;
        Verbosity = verbosity;
    }

    public SecretRedactor Redactor { get; }

    /// <summary>
    /// The Spectre.Console behind this log, for live displays (image build progress). It does not redact:
    /// pass it nothing secret.
    /// </summary>
    public IAnsiConsole Console => _console.Value;
    public Verbosity Verbosity { get; internal set; }

    /// <summary>Columns text may use (--help wraps to it): COLUMNS, else the terminal's width, else the console's.</summary>
    public int Width => _width ?? _console.Value.Profile.Width;
    internal bool Color { get; }

    /// <summary>The process console: plain when NO_COLOR is set, TERM=dumb or stdout is redirected.</summary>
    public static BuildLog ForProcess(IReadOnlyDictionary<string, string> environment, SecretRedactor redactor)
    {
        var redirected = System.Console.IsOutputRedirected;
        var plain = redirected || environment.GetValueOrDefault("NO_COLOR") is { Length: > 0 } ||
                    environment.GetValueOrDefault("TERM") == "dumb";
        var console = new Lazy<IAnsiConsole>(() =>
        {
            var created = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(System.Console.Out),
            });
            if (redirected)
                created.Profile.Width = int.TryParse(environment.GetValueOrDefault("COLUMNS"), out var w) && w > 20 ? w : 120;
            return created;
        });
        return new BuildLog(System.Console.Out, !plain, console, redactor, Verbosity.Normal, TerminalWidth(environment, redirected));
    }

    // COLUMNS wins (a user's explicit choice, also when piping); a terminal reports its own width; piped
    // output without COLUMNS is not wrapped below 120 columns. Read without creating Spectre (startup).
    private static int TerminalWidth(IReadOnlyDictionary<string, string> environment, bool redirected)
    {
        if (int.TryParse(environment.GetValueOrDefault("COLUMNS"), out var columns) && columns > 20)
            return columns;
        try
        {
            if (!redirected && System.Console.WindowWidth > 20)
                return System.Console.WindowWidth;
        }
        catch (IOException)
        {
        }

        return 120;
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
            _writer.WriteLine(Color ? $"\u001b[2m[{prefix}]{Reset} {text}" : $"[{prefix}] {text}");
    }

    /// <summary>The header printed before a target runs.</summary>
    public void Header(string title)
    {
        if (Verbosity < Verbosity.Minimal)
            return;
        Write(new Rule($"[bold]{Markup.Escape(Redact(title))}[/]") { Justification = Justify.Left, Style = new Style(Spectre.Console.Color.Blue) });
    }

    /// <summary>Renders a Spectre renderable; callers redact the text they put in it.</summary>
    public void Write(IRenderable renderable)
    {
        lock (_gate)
        {
            _writer.Flush();
            _console.Value.Write(renderable);
        }
    }

    private void WriteLine(Verbosity level, string message, string? ansi)
    {
        if (Verbosity < level)
            return;
        var text = Redact(message);
        lock (_gate)
            _writer.WriteLine(Color && ansi is not null ? ansi + text + Reset : text);
    }
}
