using Npgsql;

namespace CreditRobot.Tests.Infrastructure;

/// <summary>
/// Holds an exclusive lock on a table so that the app's queries on it wait: a real slow request,
/// made from outside, without a test hook in the app.
/// </summary>
public sealed class TableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<TableLock> AcquireAsync(PostgresServer server, string database, string table = "applications")
    {
        var connection = new NpgsqlConnection(server.ConnectionString(database));
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new TableLock(connection, transaction);
    }

    /// <summary>How many of the app's queries are waiting for a lock in <paramref name="database"/> right now.</summary>
    public static Task<long> WaitingQueriesAsync(PostgresServer server, string database) =>
        server.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND wait_event_type = 'Lock' AND state = 'active'",
            database);

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _connection.DisposeAsync();
    }
}
