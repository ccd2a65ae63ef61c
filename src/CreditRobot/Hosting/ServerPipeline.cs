using CreditRobot.Logging;
using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>The middleware order that makes each setting observable from outside.</summary>
public static class ServerPipeline
{
    public static void UseServerPipeline(this WebApplication app, ServerSettings settings, LogSink? accessLog)
    {
        app.Use((context, next) =>
        {
            // On every response, errors included (the exception handler clears headers set before it ran).
            context.Response.OnStarting(NoSniff, context.Response);
            return next(context);
        });
        app.UseForwardedHeaders();                    // forwarded_allow_ips: client and scheme first
        app.UseAccessLog(accessLog, settings.LogFormat);   // sees the final status, even of errors
        app.UseExceptionHandler();                    // problem details, never a stack trace
        app.UseStatusCodePages();                     // problem details for bare 4xx/5xx (431, 504, ...)
        if (settings.Keepalive == 0)
            app.Use((context, next) =>
            {
                context.Response.Headers.Connection = "close"; // keepalive = 0: Kestrel closes after the response
                return next(context);
            });
        app.Use((context, next) => HeaderFieldTooLarge(context, settings.LimitRequestFieldSize) is { } field
            ? Reject(context, field)
            : next(context));
        if (settings.RequestTimeout is { } timeout)
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CreditRobot.Timeout");
            app.Use(async (context, next) =>
            {
                await next(context);
                if (context.Response.StatusCode == StatusCodes.Status504GatewayTimeout) // only the timeout answers 504 here
                    log.LogWarning("{Method} {Path}: cancelled after timeout = {Seconds} s", context.Request.Method, context.Request.Path, timeout.TotalSeconds);
            });
            app.UseRequestTimeouts();
        }
        if (settings.WorkerClass == WorkerClass.Sync) app.UseRateLimiter();
    }

    // Browsers must take Content-Type as sent (no HTML sniffed out of JSON or text).
    private static Task NoSniff(object response)
    {
        ((HttpResponse)response).Headers.XContentTypeOptions = "nosniff";
        return Task.CompletedTask;
    }

    // Kestrel only limits the headers' total size; Gunicorn's limit is per field, so check each.
    private static string? HeaderFieldTooLarge(HttpContext context, int limit)
    {
        foreach (var (name, values) in context.Request.Headers)
            foreach (var value in values)
                if (name.Length + 2 + (value?.Length ?? 0) > limit) return name;
        return null;
    }

    private static Task Reject(HttpContext context, string field)
    {
        context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
        return Results.Problem(
            statusCode: StatusCodes.Status431RequestHeaderFieldsTooLarge,
            title: "Request header field too large",
            detail: $"header '{field}' is longer than limit_request_field_size").ExecuteAsync(context);
    }
}
