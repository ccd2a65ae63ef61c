using System.Collections.Concurrent;
using System.Diagnostics;

namespace CreditRobot.Logging;

/// <summary>One request between its first middleware and its last; <see cref="TryClaimLine"/> lets exactly one
/// access line be written for it (by the request itself, or by the shutdown that cut it off).</summary>
public sealed class InFlightRequest(HttpContext context)
{
    private int _lineClaimed;

    public HttpContext Context { get; } = context;

    /// <summary>Client and request line, taken at the start: a finished request's context is recycled by Kestrel.</summary>
    public string Summary { get; } = $"{context.Connection.RemoteIpAddress} \"{context.Request.Method} {LogLines.Quoted(AccessLine.Target(context))} {context.Request.Protocol}\"";

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartTimestamp);

    public bool TryClaimLine() => Interlocked.Exchange(ref _lineClaimed, 1) == 0;
}

/// <summary>The requests in flight, for the shutdown lines ("3 requests in flight", "1 cut off by graceful_timeout").</summary>
public sealed class InFlightRequests
{
    private readonly ConcurrentDictionary<InFlightRequest, byte> _requests = new();
    private readonly ConcurrentQueue<InFlightRequest> _finishedLate = new();
    private long _completed;
    private long _deadline = long.MaxValue;

    public int Count => _requests.Count;

    public long Completed => Interlocked.Read(ref _completed);

    public InFlightRequest Start(HttpContext context)
    {
        var request = new InFlightRequest(context);
        _requests.TryAdd(request, 0);
        return request;
    }

    /// <summary>From <paramref name="timestamp"/> on, a request that ends was aborted by the shutdown, not drained.</summary>
    public void CutOffAt(long timestamp) => Interlocked.Exchange(ref _deadline, timestamp);

    public void Finish(InFlightRequest request)
    {
        if (!_requests.TryRemove(request, out _)) return;
        if (Stopwatch.GetTimestamp() > Interlocked.Read(ref _deadline)) _finishedLate.Enqueue(request);
        else Interlocked.Increment(ref _completed);
    }

    /// <summary>Requests still running, and those that ended only after <see cref="CutOffAt"/>.</summary>
    public (IReadOnlyList<InFlightRequest> Running, IReadOnlyList<InFlightRequest> FinishedLate) Snapshot() =>
        (_requests.Keys.ToArray(), _finishedLate.ToArray());
}
