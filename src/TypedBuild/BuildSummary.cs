namespace TypedBuild;

public enum TargetStatus
{
    Succeeded,
    Failed,
    Skipped,
    NotRun,
    Cancelled,
}

/// <summary>One row of the final table.</summary>
public sealed record SummaryRow(string Name, TargetStatus Status, TimeSpan? Duration, string? Note, bool IsExtra);

/// <summary>
/// What targets say about themselves for the final table: <c>Summary.Note("42 passed")</c> sets the running
/// target's note, <c>Summary.AddRow(...)</c> adds a row under it (e.g. one per smoke-test group),
/// <c>Summary.AddClosingLine(...)</c> prints a line after "Build succeeded|failed in …" (the CI-readable
/// test line).
/// </summary>
public sealed class BuildSummary
{
    private readonly object _gate = new();
    private readonly List<TargetRun> _runs = [];
    private readonly List<SummaryRow> _trailingRows = [];
    private readonly List<string> _closingLines = [];

    internal TargetRun? Current { get; set; }

    public void Note(string note)
    {
        lock (_gate)
        {
            if (Current is null)
                throw new InvalidOperationException("Summary.Note can only be called while a target runs.");
            Current.Note = note;
        }
    }

    public void AddRow(string name, TargetStatus status, TimeSpan? duration = null, string? note = null)
    {
        lock (_gate)
        {
            var row = new SummaryRow(name, status, duration, note, IsExtra: true);
            if (Current is not null)
                Current.ExtraRows.Add(row);
            else
                _trailingRows.Add(row);
        }
    }

    public void AddClosingLine(string line)
    {
        lock (_gate)
            _closingLines.Add(line);
    }

    internal IReadOnlyList<TargetRun> Runs => _runs;
    internal IReadOnlyList<SummaryRow> TrailingRows => _trailingRows;
    internal IReadOnlyList<string> ClosingLines => _closingLines;

    internal void AddRun(TargetRun run) => _runs.Add(run);

    /// <summary>Target rows, each followed by the rows it added, then rows added outside targets.</summary>
    public IReadOnlyList<SummaryRow> Rows()
    {
        lock (_gate)
        {
            var rows = new List<SummaryRow>();
            foreach (var run in _runs)
            {
                rows.Add(new SummaryRow(run.Target.Name, run.Status, run.Duration, run.Note, IsExtra: false));
                rows.AddRange(run.ExtraRows);
            }

            rows.AddRange(_trailingRows);
            return rows;
        }
    }
}

/// <summary>The state of one planned target during and after the run.</summary>
internal sealed class TargetRun(BuildTarget target)
{
    public BuildTarget Target { get; } = target;
    public TargetStatus Status { get; set; } = TargetStatus.NotRun;
    public TimeSpan? Duration { get; set; }
    public string? Note { get; set; }
    public Exception? Error { get; set; }
    public List<SummaryRow> ExtraRows { get; } = [];
}
