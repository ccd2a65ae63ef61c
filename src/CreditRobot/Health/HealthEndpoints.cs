using CreditRobot.Hosting;
using CreditRobot.Data;
using Npgsql;

namespace CreditRobot.Health;

/// <summary>The JSON of the probes.</summary>
public sealed record HealthStatus(string Status, string? Reason = null, int? SchemaVersion = null);

/// <summary>
/// <c>/healthz</c>: the process answers (no I/O, for liveness and the Docker HEALTHCHECK).
/// <c>/readyz</c>: the database answers and its schema is current (for load balancers).
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/healthz", GetOrHead.Methods, () => Results.Ok(new HealthStatus("ok")));
        app.MapMethods("/readyz", GetOrHead.Methods, async (Database database, SchemaMigrationService migrations, CancellationToken cancellationToken) =>
        {
            var (ready, status) = await CheckAsync(database, cancellationToken);
            if (status.SchemaVersion < Migrator.LatestVersion) migrations.RequestMigration(); // e.g. an empty replacement database
            return Results.Json(status, AppJsonContext.Default.HealthStatus, statusCode: ready ? 200 : 503);
        });
    }

    /// <summary>
    /// How long /readyz waits for the database. A hung server (paused, a dead network path) otherwise holds the probe
    /// for the connect or command timeout (30 s and more): longer than any load balancer waits for an answer.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1); // Kubernetes probes time out after 1 s by default

    public static async Task<(bool Ready, HealthStatus Status)> CheckAsync(Database database, CancellationToken cancellationToken)
    {
        if (database.Source is null) return (false, new HealthStatus("unavailable", Database.NotConfigured));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        var check = QueryAsync(database.Source, deadline.Token);
        try
        {
            // WaitAsync bounds the answer even when cancelling the query waits on the hung server too.
            return await check.WaitAsync(Deadline, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _ = check.ContinueWith(static t => t.Exception, TaskScheduler.Default); // observed, whenever it ends
            var reason = !check.IsCompleted || deadline.IsCancellationRequested
                ? $"database {database.Endpoint} did not answer within {Deadline.TotalSeconds} s"
                : $"database unreachable: {e.Message}";
            return (false, new HealthStatus("unavailable", reason));
        }
    }

    private static async Task<(bool Ready, HealthStatus Status)> QueryAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var version = await Migrator.CurrentVersionAsync(connection, cancellationToken);
        return version >= Migrator.LatestVersion
            ? (true, new HealthStatus("ready", SchemaVersion: version))
            : (false, new HealthStatus("unavailable", $"schema at version {version}, expected {Migrator.LatestVersion} (migrations pending)", version));
    }
}
