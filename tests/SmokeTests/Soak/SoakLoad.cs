using System.Net;
using System.Net.Http.Json;
using SmokeTests.Infrastructure;

namespace SmokeTests.Soak;

/// <summary>One request of the soak: what was asked, when, and what came back (or the transport error).</summary>
internal sealed record SoakOutcome(string Kind, DateTime Start, DateTime End, int Status, bool RetryAfter, string? Error, string? ApplicantName)
{
    public bool IsServerError => Status >= 500 || Error is not null;

    /// <summary>Inside a fault window the app may only say "come back later".</summary>
    public bool IsOrderlyRefusal => Status == 503 && RetryAfter;
}

/// <summary>
/// Mixed load against 127.0.0.1 (the published port): quotes, applications (each with a unique applicant name, so rows
/// can be matched to answers) and the two HTML pages, from a few workers, each pacing itself, until a deadline.
/// Bounded in time and rate; nothing leaves loopback.
/// </summary>
internal sealed class SoakLoad(Uri baseAddress, string runId)
{
    public const int Workers = 4;

    /// <summary>At most one request per worker per interval: ~100 requests/s, load that leaves the machine usable.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(40);

    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) })
    {
        // Longer than the app's timeout (30 s): a request the database hangs is answered by the app, not cut by us.
        Timeout = TimeSpan.FromSeconds(45),
    };

    private int _sequence;

    public async Task<IReadOnlyList<SoakOutcome>> RunAsync(DateTime until)
    {
        var workers = Enumerable.Range(0, Workers).Select(w => WorkerAsync(w, until)).ToArray();
        return (await Task.WhenAll(workers)).SelectMany(o => o).OrderBy(o => o.Start).ToList();
    }

    private async Task<List<SoakOutcome>> WorkerAsync(int worker, DateTime until)
    {
        var outcomes = new List<SoakOutcome>();
        using var pace = new PeriodicTimer(Interval);
        while (DateTime.UtcNow < until && await pace.WaitForNextTickAsync())
        {
            var n = Interlocked.Increment(ref _sequence);
            outcomes.Add((n % 4) switch
            {
                0 => await SendAsync("application", n, Post(n)),
                1 => await SendAsync("quote", n, () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, $"/api/quote?amount={1000 + n % 90000}&income={2000 + n % 7000}&term={1 + n % 480}"))),
                2 => await SendAsync("page", n, () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, $"/?amount=25000&income=4000&term={12 + n % 48}"))),
                _ => await SendAsync("applications page", n, () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "/applications"))),
            });
        }
        return outcomes;
    }

    private Func<HttpRequestMessage> Post(int n) => () => new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/api/applications"))
    {
        Content = JsonContent.Create(new { applicantName = Name(n), amount = 5000 + n % 50000, income = 3000 + n % 5000, term = 12 + n % 300 }),
    };

    private string Name(int n) => $"soak-{runId}-{n}";

    private async Task<SoakOutcome> SendAsync(string kind, int n, Func<HttpRequestMessage> request)
    {
        var name = kind == "application" ? Name(n) : null;
        var start = DateTime.UtcNow;
        try
        {
            using var message = request();
            using var response = await Client.SendAsync(message);
            await response.Content.ReadAsByteArrayAsync(); // the whole answer, as a client would
            return new SoakOutcome(kind, start, DateTime.UtcNow, (int)response.StatusCode, response.Headers.RetryAfter is not null, null, name);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new SoakOutcome(kind, start, DateTime.UtcNow, 0, false, $"{e.GetType().Name}: {e.Message}", name);
        }
    }

    public static bool IsCreated(SoakOutcome o) => o.Status == (int)HttpStatusCode.Created;
}
