namespace Benchmark.Measure;

/// <summary>
/// One wrk run. <see cref="Non2xx"/> is wrk's status error count (responses ≥ 400; neither server redirects, so that is
/// every non-2xx). Socket errors are connect + read + write + timeout. Latencies in milliseconds.
/// </summary>
public sealed record WrkResult
{
    public required string Url { get; init; }
    public required bool InContainerNamespace { get; init; }
    public int Connections { get; init; }
    public int Threads { get; init; }
    public long Requests { get; init; }
    public double DurationSeconds { get; init; }
    public double RequestsPerSecond => DurationSeconds > 0 ? Requests / DurationSeconds : 0;
    public double MeanMs { get; init; }
    public double P50Ms { get; init; }
    public double P90Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }
    public long Non2xx { get; init; }
    public long ConnectErrors { get; init; }
    public long ReadErrors { get; init; }
    public long WriteErrors { get; init; }
    public long Timeouts { get; init; }
    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors + Timeouts;

    /// <summary>CPU time the server's container used during the run (its cgroup); null when unreadable.</summary>
    public double? ServerCpuSeconds { get; init; }

    /// <summary>Time the CPU quota held the server back during the run (cgroup throttled time); null when unreadable.</summary>
    public double? ThrottledSeconds { get; init; }

    /// <summary>Server CPU per request: the efficiency figure a busy machine does not distort (µs).</summary>
    public double ServerCpuMicrosecondsPerRequest => ServerCpuSeconds is { } s && Requests > 0 ? s * 1e6 / Requests : double.NaN;

    /// <summary>Host TIME_WAIT sockets when the run started (after draining).</summary>
    public int TimeWaitAtStart { get; init; }
}
