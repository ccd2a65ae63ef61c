using CreditRobot.Applications;
using CreditRobot.Quotes;
using Npgsql;

namespace CreditRobot.Data;

/// <summary>Loan applications in PostgreSQL, raw ADO.NET (trim-safe, no ORM).</summary>
public sealed class ApplicationStore(Database database)
{
    private const string Columns = "id, applicant_name, amount, income, term, monthly_payment, approved, reason, created_at";

    /// <summary>
    /// Stores one application, in a transaction that commits only while the request is still alive: a write whose
    /// request timed out while the database hung is rolled back when the server wakes (its connection is gone, or the
    /// commit is never sent), so no row is stored without its 201. Autocommit would store it after the client's 503.
    /// </summary>
    public async Task<LoanApplication> AddAsync(string applicantName, Quote quote, CancellationToken cancellationToken) =>
        (await RunAsync(async (connection, cancel) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            var command = new NpgsqlCommand($"""
                INSERT INTO applications (applicant_name, amount, income, term, monthly_payment, approved, reason)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {Columns}
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = applicantName });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Amount });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Income });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Term });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.MonthlyPayment });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Approved });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Reason });
            var stored = await ReadAsync(command, cancel);
            await transaction.CommitAsync(cancel); // a request already cancelled throws here: rolled back on dispose
            return stored;
        }, cancellationToken))[0];

    public async Task<LoanApplication?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await RunAsync((connection, cancel) =>
        {
            var command = new NpgsqlCommand($"SELECT {Columns} FROM applications WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            return ReadAsync(command, cancel);
        }, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<LoanApplication>> LatestAsync(int limit, CancellationToken cancellationToken) =>
        await RunAsync((connection, cancel) =>
        {
            var command = new NpgsqlCommand($"SELECT {Columns} FROM applications ORDER BY id DESC LIMIT $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            return ReadAsync(command, cancel);
        }, cancellationToken);

    /// <summary>
    /// Every query is bounded by the request's token (timeout): see Database.RunAsync. To the client, a database that
    /// did not answer before the request's deadline is an outage like any other: 503 and Retry-After, not 504.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try { return await database.RunAsync(work, cancellationToken); }
        catch (OperationCanceledException e) { throw new DatabaseUnavailableException(Database.NoAnswer, e); }
    }

    private static async Task<List<LoanApplication>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var owned = command;
        var rows = new List<LoanApplication>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new LoanApplication(
                reader.GetInt64(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetInt32(4),
                reader.GetDecimal(5), reader.GetBoolean(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8)));
        return rows;
    }
}
