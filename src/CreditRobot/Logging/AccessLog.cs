using CreditRobot.Hosting;
using Microsoft.AspNetCore.Http.Features;
using ServerConfig;

namespace CreditRobot.Logging;

/// <summary>
/// One line per request (Gunicorn's access log): written by the request when it ends, or by the shutdown that cut it
/// off (status "-"), never both. Probe lines (/healthz, /readyz) are written only when probe_loglevel reaches loglevel.
/// </summary>
public sealed class AccessLog(LogSink? sink, ServerSettings settings)
{
    private readonly AccessLine _line = new(settings.LogFormat, settings.AccessLogFormat);
    private readonly bool _probes = settings.ProbeLogLevel >= settings.LogLevel;
    private readonly string _probeLevel = settings.ProbeLogLevel.ToString().ToLowerInvariant();

    public bool Enabled => sink is not null;

    public void Write(InFlightRequest request, int? status, long? bytes)
    {
        if (sink is null || !request.TryClaimLine()) return;
        var probe = ServerBuilder.IsProbe(request.Context.Request.Path);
        if (probe && !_probes) return;
        sink.WriteLine(_line.Render(new AccessEntry(request.Context, request.Started, request.Elapsed, status, bytes, probe ? _probeLevel : "info")));
    }
}

public static class AccessLogMiddleware
{
    /// <summary>Must run after the forwarded-headers middleware so the client is the trusted original one.</summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app, AccessLog log, InFlightRequests inFlight) =>
        app.Use(async (context, next) =>
        {
            var request = inFlight.Start(context);
            var body = log.Enabled ? Count(context) : null;
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
                inFlight.Finish(request);
                if (body is { } counted) context.Features.Set(counted.Inner);
                var status = failed && !context.Response.HasStarted ? 500 : context.Response.StatusCode;
                log.Write(request, status, body?.Counter.Bytes);
            }
        });

    private static (IHttpResponseBodyFeature Inner, CountingResponseBody Counter)? Count(HttpContext context)
    {
        var inner = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var counter = new CountingResponseBody(inner);
        context.Features.Set<IHttpResponseBodyFeature>(counter);
        return (inner, counter);
    }
}
