using CreditRobot.Applications;
using CreditRobot.Quotes;
using Npgsql;

namespace CreditRobot.Data;

/// <summary>Loan applications in PostgreSQL, raw ADO.NET (trim-safe, no ORM).</summary>
public sealed class ApplicationStore(Database database)
{
    private const string Columns = "id, applicant_name, amount, income, term, monthly_payment, approved, reason, created_at";

    public async Task<LoanApplication> AddAsync(string applicantName, Quote quote, CancellationToken cancellationToken) =>
        (await database.RunAsync((connection, cancel) =>
        {
            var command = new NpgsqlCommand($"""
                INSERT INTO applications (applicant_name, amount, income, term, monthly_payment, approved, reason)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {Columns}
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = applicantName });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Amount });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Income });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Term });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.MonthlyPayment });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Approved });
            command.Parameters.Add(new NpgsqlParameter { Value = quote.Reason });
            return ReadAsync(command, cancel);
        }, cancellationToken))[0];

    public async Task<LoanApplication?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await database.RunAsync((connection, cancel) =>
        {
            var command = new NpgsqlCommand($"SELECT {Columns} FROM applications WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            return ReadAsync(command, cancel);
        }, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<LoanApplication>> LatestAsync(int limit, CancellationToken cancellationToken) =>
        await database.RunAsync((connection, cancel) =>
        {
            var command = new NpgsqlCommand($"SELECT {Columns} FROM applications ORDER BY id DESC LIMIT $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            return ReadAsync(command, cancel);
        }, cancellationToken);

    // Every query is bounded by the request's token (timeout): see Database.RunAsync.
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
