namespace DockerEngine;

public enum LogStream
{
    Stdout = 1,
    Stderr = 2,
}

/// <summary>A piece of output as it arrived on one stream (not necessarily a whole line).</summary>
public sealed record LogChunk(LogStream Stream, string Text);

/// <summary>All output so far, one string per stream.</summary>
public sealed record ContainerLogs(string Stdout, string Stderr);

public sealed record LogsRequest
{
    /// <summary>Keep the stream open until the container stops (or the token is cancelled).</summary>
    public bool Follow { get; init; }
    public bool Stdout { get; init; } = true;
    public bool Stderr { get; init; } = true;
    public bool Timestamps { get; init; }
    /// <summary>Only the last N lines; null for all.</summary>
    public int? Tail { get; init; }
    /// <summary>Only output after this moment.</summary>
    public DateTimeOffset? Since { get; init; }
}
