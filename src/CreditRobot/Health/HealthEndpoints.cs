using System.Text.Json;
using CreditRobot.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using CheckStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;

namespace CreditRobot.Health;

/// <summary>The JSON of the probes.</summary>
public sealed record ProbeStatus(string Status, string? Reason = null, int? SchemaVersion = null);

/// <summary>
/// ASP.NET Core health checks on two endpoints. <c>/healthz</c>: the process answers (no check, no I/O; liveness and
/// the Docker HEALTHCHECK). <c>/readyz</c>: <see cref="DatabaseHealthCheck"/> (for load balancers): 200 or 503.
/// Neither is bound by the request timeout: /readyz has its own 1 s deadline, and a probe must never answer 504.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddProbes(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = (context, report) => WriteAsync(context, report, liveness: true) })
            .WithMetadata(new HttpMethodMetadata(GetOrHead.Methods)).DisableRequestTimeout();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = (context, report) => WriteAsync(context, report, liveness: false) })
            .WithMetadata(new HttpMethodMetadata(GetOrHead.Methods)).DisableRequestTimeout();
    }

    /// <summary>{"status":"ok"} for liveness; {"status":"ready","schemaVersion":2} or {"status":"unavailable","reason":…}.</summary>
    public static ProbeStatus ToStatus(HealthReport report, bool liveness)
    {
        var entry = report.Entries.Values.FirstOrDefault();
        var version = entry.Data?.GetValueOrDefault(DatabaseHealthCheck.SchemaVersion) as int?;
        if (report.Status == CheckStatus.Healthy) return new ProbeStatus(liveness ? "ok" : "ready", SchemaVersion: version);
        var reason = report.Entries.Values.Where(e => e.Status != CheckStatus.Healthy).Select(e => e.Description ?? e.Exception?.Message).FirstOrDefault();
        return new ProbeStatus("unavailable", reason, version);
    }

    private static Task WriteAsync(HttpContext context, HealthReport report, bool liveness)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var status = ToStatus(report, liveness);
        return JsonSerializer.SerializeAsync(context.Response.Body, status, AppJsonContext.Default.ProbeStatus, context.RequestAborted);
    }
}
