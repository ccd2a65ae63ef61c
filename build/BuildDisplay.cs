using Containers;
using Images.Build;
using Spectre.Console;

/// <summary>
/// Prints what src/Images reports while it makes images: one line per build step ("cached" when the engine reused
/// the layer) and the base-image notes; on a terminal a spinner shows the current step and its latest output line.
/// A CI log gets the same lines, without spinner.
/// </summary>
internal static class BuildDisplay
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgress<BuildProgress>, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
            return await work(Reporter(console, null));
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync("", status =>
            work(Reporter(console, (step, line) => status.Status(
                $"{Markup.Escape(Shorten(step, 50))} [grey]{Markup.Escape(Shorten(line ?? "", 60))}[/]"))));
    }

    private static InlineProgress<BuildProgress> Reporter(IAnsiConsole console, Action<string, string?>? status)
    {
        string? step = null;
        return new InlineProgress<BuildProgress>(p =>
        {
            switch (p.Kind)
            {
                case BuildProgressKind.Started:
                    step = null;
                    console.MarkupLine(Markup.Escape(p.Text));
                    status?.Invoke(p.Text, null);
                    break;
                case BuildProgressKind.Note:
                    console.MarkupLine($"[grey]{Markup.Escape(p.Text)}[/]");
                    break;
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

    private static string Shorten(string text, int max)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    public static string Megabytes(long bytes) => $"{bytes / 1_000_000.0:0.0} MB";
}
