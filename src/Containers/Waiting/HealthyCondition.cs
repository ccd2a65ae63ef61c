namespace Containers.Waiting;

internal sealed class HealthyCondition(TimeSpan? timeout) : IWaitUntil
{
    public TimeSpan? Timeout => timeout;

    public string Description => "the engine reports health status 'healthy'";

    public async Task<WaitCheck> CheckAsync(IContainer container, CancellationToken cancellationToken)
    {
        var status = await container.GetStatusAsync(cancellationToken);
        return status.Health switch
        {
            null => throw new InvalidOperationException(
                $"Container '{container.Name}' has no health check, so it can never become healthy: " +
                "add HEALTHCHECK to the image or WithHealthCheck(...) to the builder."),
            "healthy" => WaitCheck.Done("healthy"),
            var health => WaitCheck.NotYet(
                $"health status '{health}'{(status.LastHealthOutput is { Length: > 0 } o ? $", last probe said: {o.Trim()}" : "")}"),
        };
    }
}
