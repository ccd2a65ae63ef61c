using CreditRobot.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace CreditRobot.Hosting;

/// <summary>
/// A database outage is the operator's problem, not the client's and not a bug: 503 with Retry-After and problem
/// details saying so, and ONE warning line naming the database's host:port and the cause (no stack trace: under
/// load an outage fails hundreds of requests a second). Handled here, the exception handler middleware does not
/// log it again (.NET 10 suppresses diagnostics for exceptions an IExceptionHandler handled).
/// </summary>
public sealed class DatabaseFailureHandler(IProblemDetailsService problems, Database database, ILogger<DatabaseFailureHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client should wait before trying again: about one background reconnect attempt.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!Database.IsUnavailable(exception)) return false;
        var reason = database.Source is null ? Reason(exception) : $"database {database.Endpoint} unavailable: {Reason(exception)}";
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
                Detail = exception is DatabaseUnavailableException ? exception.Message : "the database is unavailable; try again later",
            },
        });
    }

    /// <summary>The messages of the exception and its causes on one line, e.g. "Exception while connecting: Connection refused".</summary>
    public static string Reason(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
            if (!messages.Contains(e.Message)) messages.Add(e.Message.ReplaceLineEndings(" "));
        return string.Join(": ", messages);
    }
}
