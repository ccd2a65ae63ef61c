using ServerConfig;

namespace Deployment;

/// <summary>
/// Kubernetes removes a terminating pod from the Service's endpoints and sends SIGTERM at the same time; kube-proxies
/// and ingress controllers learn of the removal a few seconds later. Without a pause, Kestrel stops accepting while
/// traffic still arrives and clients see refused connections during every rollout. So a preStop <c>sleep</c> (the
/// kubelet's own action: the distroless image has no shell or sleep binary) keeps serving for <see cref="PreStopSeconds"/>,
/// then SIGTERM gives requests in flight graceful_timeout to finish. The grace period covers both plus a margin, so the
/// kubelet's SIGKILL never cuts a drain short.
/// </summary>
public sealed record ShutdownTiming(int PreStopSeconds, int GracefulTimeoutSeconds, int MarginSeconds)
{
    /// <summary>Long enough for endpoint removal to reach kube-proxy on a busy cluster; short enough for quick rollouts.</summary>
    public const int DefaultPreStopSeconds = 5;

    public static ShutdownTiming From(ServerSettings settings) => new(DefaultPreStopSeconds, settings.GracefulTimeout, MarginSeconds: 5);

    /// <summary><c>terminationGracePeriodSeconds</c>: preStop + graceful_timeout + margin (the countdown includes preStop).</summary>
    public int TerminationGracePeriodSeconds => PreStopSeconds + GracefulTimeoutSeconds + MarginSeconds;
}
