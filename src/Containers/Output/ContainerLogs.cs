namespace Containers.Output;

/// <summary>What a container wrote so far, stdout and stderr kept apart (and interleaved, in arrival order).</summary>
public sealed record ContainerLogs(IReadOnlyList<LogLine> Lines)
{
    public string Stdout => Join(LogStream.Stdout);

    public string Stderr => Join(LogStream.Stderr);

    /// <summary>The last <paramref name="count"/> lines of both streams, for failure messages.</summary>
    public string Tail(int count = 30) =>
        Lines.Count == 0
            ? "(no output)"
            : string.Join(Environment.NewLine, Lines.Skip(Math.Max(0, Lines.Count - count)).Select(l => "  " + l));

    public override string ToString() => string.Join(Environment.NewLine, Lines);

    private string Join(LogStream stream) =>
        string.Join('\n', Lines.Where(l => l.Stream == stream).Select(l => l.Text));
}
