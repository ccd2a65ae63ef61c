using DockerEngine;
using Spectre.Console;

namespace Images;

/// <summary>
/// Live build output: one printed line per step ("cached" when the engine reused the layer), and on a terminal a
/// spinner with the current step and its latest output line. A CI log gets the same step lines, without spinner.
/// </summary>
public static class BuildDisplay
{
    public static async Task<BuildResult> RunAsync(IAnsiConsole console, string title,
        Func<IProgress<BuildProgress>, Task<BuildResult>> build)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            console.MarkupLine(Markup.Escape(title));
            return await build(Reporter(console, null));
        }
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(title, status =>
            build(Reporter(console, (step, line) => status.Status(
                $"{Markup.Escape(Shorten(step, 50))} [grey]{Markup.Escape(Shorten(line ?? "", 60))}[/]"))));
    }

    private static InlineProgress<BuildProgress> Reporter(IAnsiConsole console, Action<string, string?>? status)
    {
        string? step = null;
        return new InlineProgress<BuildProgress>(p =>
        {
            switch (p.Kind)
            {
                case BuildProgressKind.Step:
                    step = p.Text;
                    // Labels arrive as one LABEL step each; they are metadata, not progress worth a line.
                    if (!p.Text.Contains(" : LABEL ", StringComparison.Ordinal))
                        console.MarkupLine($"  [grey]{Markup.Escape(Shorten(p.Text, 100))}[/]");
                    status?.Invoke(p.Text, null);
                    break;
                case BuildProgressKind.CacheHit when step is not null && !step.Contains(" : LABEL ", StringComparison.Ordinal):
                    console.MarkupLine("    [green]cached[/]");
                    break;
                case BuildProgressKind.Output or BuildProgressKind.Status when step is not null && p.Text.Trim().Length > 0:
                    status?.Invoke(step, p.Text.Trim());
                    break;
            }
        });
    }

    internal static string Shorten(string text, int max)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    public static string Megabytes(long bytes) => $"{bytes / 1_000_000.0:0.0} MB";
}
