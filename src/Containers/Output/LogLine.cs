namespace Containers.Output;

public enum LogStream
{
    Stdout,
    Stderr,
}

/// <summary>One line a container wrote, with the stream it came from.</summary>
public sealed record LogLine(LogStream Stream, string Text)
{
    public override string ToString() => $"[{(Stream == LogStream.Stdout ? "out" : "err")}] {Text}";
}
