using Spectre.Console;

namespace TypedBuild;

/// <summary>The final table (Target | Status | Duration | Note), failing targets' errors, the result line,
/// then closing lines such as <c>Test: 42 passed, 0 failed, 0 skipped</c>.</summary>
internal static class SummaryWriter
{
    public static void Write(BuildLog log, BuildSummary summary, TimeSpan elapsed, bool failed, bool cancelled = false)
    {
        var table = new Table().Border(log.Color ? TableBorder.Rounded : TableBorder.Ascii2)
            .AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned()).AddColumn("Note");
        foreach (var row in summary.Rows())
        {
            var name = row.IsExtra ? "  - " + row.Name : row.Name;
            table.AddRow(
                new Text(log.Redact(name)),
                new Text(StatusText(row.Status), new Style(StatusColor(row.Status))),
                new Text(row.Duration is { } d ? FormatDuration(d) : ""),
                new Text(log.Redact(row.Note ?? "")));
        }

        log.Line("");
        log.Write(table);
        foreach (var run in summary.Runs.Where(r => r.Error is not null))
            log.Error($"{run.Target.Name} failed: {BuildExecutor.Describe(run.Error!, log.Verbosity)}");

        var result = $"Build {(cancelled ? "cancelled" : failed ? "failed" : "succeeded")} in {FormatDuration(elapsed)}";
        if (failed)
            log.Error(result);
        else
            log.Success(result);
        foreach (var line in summary.ClosingLines)
            log.Line(line);
    }

    public static string StatusText(TargetStatus status) => status switch
    {
        TargetStatus.NotRun => "Not run",
        _ => status.ToString(),
    };

    private static Color StatusColor(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => Color.Green,
        TargetStatus.Failed or TargetStatus.Cancelled => Color.Red,
        TargetStatus.Skipped => Color.Yellow,
        _ => Color.Grey,
    };

    public static string FormatDuration(TimeSpan duration) => duration.TotalSeconds < 60
        ? $"{duration.TotalSeconds:0.0} s"
        : $"{(int)duration.TotalMinutes} min {duration.Seconds} s";
}
