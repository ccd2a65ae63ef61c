namespace CreditRobot.Hosting;

/// <summary>Status codes for unhandled exceptions; the body is problem details without a stack trace.</summary>
public static class ProblemMapping
{
    public static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,          // e.g. 413 from max_body_size
        _ => StatusCodes.Status500InternalServerError,           // database outages: DatabaseFailureHandler
    };
}
