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
        app.MapGet("/healthz", () => Results.Ok(new HealthStatus("ok")));
        app.MapGet("/readyz", async (Database database, SchemaMigrationService migrations, CancellationToken cancellationToken) =>
        {
            var (ready, status) = await CheckAsync(database, cancellationToken);
            if (status.SchemaVersion < Migrator.LatestVersion) migrations.RequestMigration(); // e.g. an empty replacement database
            return Results.Json(status, AppJsonContext.Default.HealthStatus, statusCode: ready ? 200 : 503);
        });
    }

    public static async Task<(bool Ready, HealthStatus Status)> CheckAsync(Database database, CancellationToken cancellationToken)
    {
        if (database.Source is null) return (false, new HealthStatus("unavailable", Database.NotConfigured));
        try
        {
            await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
            var version = await Migrator.CurrentVersionAsync(connection, cancellationToken);
            return version >= Migrator.LatestVersion
                ? (true, new HealthStatus("ready", SchemaVersion: version))
                : (false, new HealthStatus("unavailable", $"schema at version {version}, expected {Migrator.LatestVersion} (migrations pending)", version));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return (false, new HealthStatus("unavailable", $"database unreachable: {e.Message}"));
        }
    }
}
