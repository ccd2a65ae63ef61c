using Microsoft.AspNetCore.Diagnostics;

namespace CreditRobot.Hosting;

/// <summary>
/// Kestrel's own refusals while the app reads a body (a chunked body over the limit: 413; a malformed chunk: 400)
/// surface as <see cref="BadHttpRequestException"/>, and a chunk size that overflows as a plain IOException. They
/// are the client's mistake: the status code and message as problem details, one debug line, no error-level stack trace.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems, ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var status = exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            IOException when HasBody(context.Request) && !context.RequestAborted.IsCancellationRequested => StatusCodes.Status400BadRequest,
            _ => 0,
        };
        if (status == 0) return false;
        logger.LogDebug("{Method} {Path}: {Status} {Reason}", context.Request.Method, context.Request.Path, status, exception.Message);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = exception.Message },
        });
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
}
