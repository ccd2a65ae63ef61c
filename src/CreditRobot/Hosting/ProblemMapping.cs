using CreditRobot.Data;
using Npgsql;

namespace CreditRobot.Hosting;

/// <summary>Status codes for unhandled exceptions; the body is problem details without a stack trace.</summary>
public static class ProblemMapping
{
    public static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,          // e.g. 413 from max_body_size
        DatabaseUnavailableException or NpgsqlException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Says why the database failed the request, in words, never with its exception details.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var error = context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        context.ProblemDetails.Detail ??= error switch
        {
            DatabaseUnavailableException unavailable => unavailable.Message,
            NpgsqlException => "the database is unavailable; try again later",
            _ => null,
        };
    }
}
