using System.Diagnostics;

namespace CreditRobot.Logging;

/// <summary>
/// Says when a shutdown starts (which signal, how many requests in flight) and how it ended (all drained, or how many
/// graceful_timeout cut off, after how long), with one warning and one access line per request cut off: without them
/// a request whose client got nothing leaves no trace (Gunicorn's "Handling signal: term" / "Shutting down").
/// </summary>
public sealed class ShutdownLog(InFlightRequests inFlight, AccessLog accessLog, ILogger log, int gracefulTimeoutSeconds)
{
    private long _stoppingAt;
    private long _completedBefore;

    public void Register(IHostApplicationLifetime lifetime, Func<string?> signal)
    {
        lifetime.ApplicationStopping.Register(() => Stopping(signal()));
        lifetime.ApplicationStopped.Register(Stopped);
    }

    private void Stopping(string? signal)
    {
        _stoppingAt = Stopwatch.GetTimestamp();
        _completedBefore = inFlight.Completed;
        inFlight.CutOffAt(_stoppingAt + gracefulTimeoutSeconds * Stopwatch.Frequency);
        log.LogInformation("shutting down ({Signal}): {Count} request(s) in flight, waiting up to graceful_timeout = {Timeout} s for them",
            signal ?? "stop requested", inFlight.Count, gracefulTimeoutSeconds);
    }

    private void Stopped()
    {
        var took = Stopwatch.GetElapsedTime(_stoppingAt).TotalSeconds;
        var (running, finishedLate) = inFlight.Snapshot();
        var cut = running.Concat(finishedLate).ToList();
        foreach (var request in cut)
            log.LogWarning("request cut off by graceful_timeout = {Timeout} s after {Seconds:0.0} s, its client got no complete response: {Request}",
                gracefulTimeoutSeconds, request.Elapsed.TotalSeconds, request.Summary);
        foreach (var request in running) accessLog.Write(request, status: null, bytes: null); // it may never end on its own
        var drained = inFlight.Completed - _completedBefore;
        if (cut.Count == 0)
            log.LogInformation("stopped after {Seconds:0.000} s: {Drained} request(s) drained", took, drained);
        else
            log.LogWarning("stopped after {Seconds:0.000} s: {Drained} request(s) drained, {Cut} cut off by graceful_timeout = {Timeout} s",
                took, drained, cut.Count, gracefulTimeoutSeconds);
    }
}
