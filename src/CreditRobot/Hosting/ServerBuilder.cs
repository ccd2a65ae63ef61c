using System.Net;
using System.Threading.RateLimiting;
using CreditRobot.Logging;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>Applies every server.conf setting to Kestrel, the host, the thread pool and logging.</summary>
public static class ServerBuilder
{
    public const int SyncQueueLimit = 1024;

    public static void ApplyServerSettings(this WebApplicationBuilder builder, ServerSettings settings, LogSink errorLog)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (settings.Bind.Host == "localhost") kestrel.ListenLocalhost(settings.Bind.Port);
            else kestrel.Listen(IPAddress.Parse(settings.Bind.Host), settings.Bind.Port);
            if (settings.Keepalive > 0) kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(settings.Keepalive);
            // Gunicorn's limit_request_line counts the line without its CRLF; Kestrel's MaxRequestLineSize counts the CRLF
            // too (Http1Connection.TakeStartLine: "GET / HTTP/1.1\r\n" fits a limit of 16), so a line of exactly the limit needs 2 more.
            kestrel.Limits.MaxRequestLineSize = settings.LimitRequestLine + 2;
            kestrel.Limits.MaxRequestHeaderCount = settings.LimitRequestFields;
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(32 * 1024, settings.LimitRequestFieldSize);
            kestrel.Limits.MaxRequestBodySize = settings.RequestBodyLimit;
            // What one connection may have read ahead of the app (1 MiB by default): a flood of large bodies on many
            // connections is what fills a small memory limit. As small as Kestrel allows: one request line or header block.
            kestrel.Limits.MaxRequestBufferSize = Math.Max(kestrel.Limits.MaxRequestLineSize, kestrel.Limits.MaxRequestHeadersTotalSize);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(settings.GracefulTimeout));

        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new LineLoggerProvider(errorLog, settings.LogFormat));
        var level = ToLogLevel(settings.LogLevel);
        builder.Logging.SetMinimumLevel(level);
        // The framework's per-request info lines would duplicate the access log; debug shows everything.
        var framework = settings.LogLevel == LogLevelSetting.Debug ? level : (LogLevel)Math.Max((int)level, (int)LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", framework);
        builder.Logging.AddFilter("System", framework);
        // Two framework lines that are not errors of the app, and are said once and shorter elsewhere: every request
        // timeout as a warning with its stack trace (ServerPipeline logs one line instead), and every unhealthy
        // readiness check as an error (/readyz's 503 and its reason are the answer). Debug shows them.
        var quiet = settings.LogLevel == LogLevelSetting.Debug ? level : LogLevel.Critical;
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutsMiddleware", quiet);
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", quiet);

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear(); // both empty = trust any proxy, which only "*" asks for
            foreach (var network in settings.ForwardedNetworks) forwarded.KnownIPNetworks.Add(network);
        });

        if (settings.RequestTimeout is { } timeout)
            builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = timeout,
                TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            });

        if (settings.WorkerClass == WorkerClass.Sync)
            builder.Services.AddRateLimiter(limiter =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsProbe(context.Request.Path)
                        ? RateLimitPartition.GetNoLimiter("probes")
                        : RateLimitPartition.GetConcurrencyLimiter("slots", _ => new ConcurrencyLimiterOptions
                        {
                            PermitLimit = settings.RequestSlots,
                            QueueLimit = SyncQueueLimit,
                            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                        }));
            });
    }

    /// <summary>workers x threads thread-pool threads ready at once; returns the value the runtime reports back.</summary>
    public static int ApplyThreadPool(ServerSettings settings)
    {
        ThreadPool.GetMinThreads(out _, out var io);
        ThreadPool.SetMinThreads(settings.RequestSlots, io); // within GetMaxThreads: ConfigResolver refuses more
        ThreadPool.GetMinThreads(out var workers, out _);
        return workers;
    }

    public static bool IsProbe(PathString path) => path == "/healthz" || path == "/readyz";

    public static LogLevel ToLogLevel(LogLevelSetting level) => level switch
    {
        LogLevelSetting.Debug => LogLevel.Debug,
        LogLevelSetting.Info => LogLevel.Information,
        LogLevelSetting.Warning => LogLevel.Warning,
        LogLevelSetting.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}
