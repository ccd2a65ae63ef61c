using System.Diagnostics;
using ServerConfig;

namespace CreditRobot.Logging;

/// <summary>One line per request: client, method, target, status, duration (Gunicorn's access log).</summary>
public static class AccessLog
{
    /// <summary>Must run after the forwarded-headers middleware so the client is the trusted original one.</summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app, LogSink? sink, LogFormat format)
    {
        if (sink is null) return app; // accesslog = (empty): no middleware, no cost
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var failed = false;
            try
            {
                await next(context);
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                var request = context.Request;
                var status = failed && !context.Response.HasStarted ? 500 : context.Response.StatusCode;
                sink.WriteLine(LogLines.Access(format,
                    context.Connection.RemoteIpAddress?.ToString() ?? "-",
                    request.Method,
                    request.Path + request.QueryString,
                    request.Protocol,
                    status,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        });
    }
}
