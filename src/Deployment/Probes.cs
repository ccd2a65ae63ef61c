using k8s.Models;

namespace Deployment;

/// <summary>
/// The three probes on the app's two endpoints. <c>/healthz</c> does no I/O: it answers while the process can serve,
/// so liveness restarts only a stuck process, never a pod whose database is down (a restart would not fix that).
/// <c>/readyz</c> checks the database and the schema: readiness takes a pod out of the Service while it cannot serve
/// applications, and puts it back when the database returns, without a restart.
/// </summary>
internal static class Probes
{
    /// <summary>
    /// Start budget 30 s (30 x 1 s). Measured: Native AOT serves ~0.2 s after exec, the JIT image 1.4 s
    /// (docs/benchmark/results.md); migrations run before listening with preload_app. Probing every second lets
    /// readiness begin within a second of the start; the budget only matters for a node that is badly overloaded.
    /// </summary>
    public static V1Probe Startup(string port) => Http("/healthz", port, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 30);

    /// <summary>Out of the Service after two failures (10 s); back after one success.</summary>
    public static V1Probe Readiness(string port) => Http("/readyz", port, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2);

    /// <summary>Restarted after 30 s without an answer: long enough to ride out a GC pause or a CPU-throttled moment.</summary>
    public static V1Probe Liveness(string port) => Http("/healthz", port, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3);

    private static V1Probe Http(string path, string port, int periodSeconds, int timeoutSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = timeoutSeconds,
        FailureThreshold = failureThreshold,
        SuccessThreshold = 1,
    };
}
