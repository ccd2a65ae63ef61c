using CreditRobot.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditRobot.Health;

/// <summary>
/// Readiness: the database answers within <see cref="Deadline"/> and its schema is current. A schema behind asks the
/// migration service for another pass (e.g. an empty replacement database) and says why the last one failed.
/// </summary>
public sealed class DatabaseHealthCheck(Database database, SchemaMigrationService migrations) : IHealthCheck
{
    public const string SchemaVersion = "schemaVersion";

    /// <summary>
    /// How long /readyz waits for the database. A hung server (paused, a dead network path) otherwise holds the probe
    /// for the connect or command timeout (30 s and more): longer than any load balancer waits for an answer.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1); // Kubernetes probes time out after 1 s by default

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (database.Source is null) return HealthCheckResult.Unhealthy(Database.NotConfigured);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        int version;
        try
        {
            version = await database.RunAsync(Migrator.CurrentVersionAsync, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"database {database.Endpoint} did not answer within {Deadline.TotalSeconds} s");
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            return HealthCheckResult.Unhealthy($"database unreachable: {Database.Reason(e)}");
        }
        var data = new Dictionary<string, object> { [SchemaVersion] = version };
        if (version >= Migrator.LatestVersion) return HealthCheckResult.Healthy(data: data);
        migrations.RequestMigration();
        var why = migrations.LastFailure is { } failure ? $"migrations failed: {failure}" : "migrations pending";
        return HealthCheckResult.Unhealthy($"schema at version {version}, expected {Migrator.LatestVersion} ({why})", data: data);
    }
}
