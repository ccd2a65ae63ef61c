using ServerConfig;

namespace CreditRobot.Data;

/// <summary>
/// Brings the schema up to date: once before listening when preload_app = true, then in the
/// background until it succeeds, so a database that is down at startup is picked up later without
/// a restart. /readyz asks again when it finds the schema behind (a database replaced by an empty one).
/// </summary>
public sealed class SchemaMigrationService(
    Database database,
    Migrator migrator,
    ServerSettings settings,
    IHostApplicationLifetime lifetime,
    ILogger<SchemaMigrationService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _wanted = new(1, 1); // starts "wanted": the first pass always runs
    private volatile bool _current;

    /// <summary>Asks the background loop for another pass (cheap; repeated asks collapse into one).</summary>
    public void RequestMigration()
    {
        _current = false;
        if (_wanted.CurrentCount == 0) _wanted.Release();
    }

    /// <summary>Why the last pass failed (e.g. "42501: permission denied for schema public"); null once migrated.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>False when the database is not ready (logged, retried) or <paramref name="cancellationToken"/> fired (SIGTERM).</summary>
    public async Task<bool> TryMigrateAsync(CancellationToken cancellationToken)
    {
        if (_current) return true;
        if (database.Source is null)
        {
            logger.LogWarning("{Reason}; /readyz answers 503", Database.NotConfigured);
            return _current = true; // nothing to retry: configuration, not an outage
        }
        try
        {
            await migrator.MigrateAsync(cancellationToken);
            LastFailure = null;
            logger.LogInformation("database schema current at version {Version}", Migrator.LatestVersion);
            return _current = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false; // stopping: a hung database or a held migration lock must not hold up SIGTERM
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            LastFailure = Database.Reason(e);
            logger.LogWarning("database {Endpoint} not ready ({Reason}); retrying in the background", database.Endpoint, LastFailure);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!settings.PreloadApp) await WhenStarted(stoppingToken); // listen first, migrate after
            while (!stoppingToken.IsCancellationRequested)
            {
                await _wanted.WaitAsync(stoppingToken);
                var delay = TimeSpan.FromMilliseconds(500);
                while (!await TryMigrateAsync(stoppingToken))
                {
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down (or the host failed to start): not a failure of this service.
        }
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }
}
