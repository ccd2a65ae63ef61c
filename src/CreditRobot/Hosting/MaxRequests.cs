using Microsoft.AspNetCore.Connections.Features;
using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>
/// max_requests for one process: Gunicorn recycles a worker process after N requests; here the keep-alive connection is
/// recycled: its Nth response (N = max_requests + a per-connection random 0..max_requests_jitter) carries
/// <c>Connection: close</c>, and Kestrel closes the connection after it. HTTP/2 streams share a connection and are not counted.
/// </summary>
public static class MaxRequests
{
    private sealed class Budget(int limit)
    {
        public int Left = limit;
    }

    public static IApplicationBuilder UseMaxRequests(this IApplicationBuilder app, ServerSettings settings)
    {
        if (settings.MaxRequests == 0) return app;
        return app.Use((context, next) =>
        {
            if (!HttpProtocol.IsHttp11(context.Request.Protocol) || context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items)
                return next(context);
            var budget = items.TryGetValue(typeof(Budget), out var found) && found is Budget b
                ? b
                : (Budget)(items[typeof(Budget)] = new Budget(settings.MaxRequests + Random.Shared.Next(settings.MaxRequestsJitter + 1)));
            if (Interlocked.Decrement(ref budget.Left) <= 0) context.Response.Headers.Connection = "close";
            return next(context);
        });
    }
}
