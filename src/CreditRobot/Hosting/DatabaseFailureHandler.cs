using CreditRobot.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace CreditRobot.Hosting;

/// <summary>
/// A database outage is the operator's problem, not the client's and not a bug: 503 with Retry-After and problem
/// details saying so, and ONE warning line naming the database's host:port and the cause (no stack trace: under
/// load an outage fails hundreds of requests a second). Handled here, the exception handler middleware does not
/// log it again (.NET 10 suppresses diagnostics for exceptions an IExceptionHandler handled).
/// </summary>
public sealed class DatabaseFailureHandler(
    IProblemDetailsService problems, Database database, SchemaMigrationService migrations, ILogger<DatabaseFailureHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client should wait before trying again: about one background reconnect attempt.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!Database.IsUnavailable(exception)) return false;
        var cause = Database.Reason(exception);
        if (exception is Npgsql.PostgresException { SqlState: "42P01" } && migrations.LastFailure is { } failure)
            cause += $" (the schema is not migrated: {failure})"; // e.g. a user without CREATE rights
        var reason = database.Source is null ? cause : $"database {database.Endpoint} unavailable: {cause}";
        logger.LogWarning("{Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, reason);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service Unavailable",
                Detail = exception.Message == Database.NotConfigured ? exception.Message : "the database is unavailable; try again later",
            },
        });
    }
}
