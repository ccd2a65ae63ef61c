using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Benchmark.Runtime;

namespace Benchmark.Measure;

/// <summary>
/// Before anything is measured, both servers must answer /api/quote identically: same status and the same JSON
/// (object keys in any order, numbers compared by value, so 10000 equals 10000.0). Per-request noise of problem
/// details (traceId, instance) is ignored. A benchmark of two servers that compute different things proves nothing.
/// </summary>
public static class CorrectnessGate
{
    private static readonly string[] IgnoredKeys = ["traceId", "instance"];

    /// <summary>Valid inputs around the rule's edges (rounding, the 35 % limit, long and short terms) and invalid ones.</summary>
    public static IReadOnlyList<string> Queries { get; } =
    [
        "amount=25000&income=4200&term=60",
        "amount=10000&income=3000&term=36",
        "amount=8089.98&income=2000&term=12",          // payment 700.00 = exactly 35 % of 2000: approved (≤)
        "amount=8089.98&income=1999.99&term=12",       // one cent less income: refused
        "amount=10044.5&income=3000&term=36",          // unrounded payment 310.144999…: rounding direction
        "amount=0.0000001&income=1&term=1",            // scale kept, no exponent notation, payment 0.00
        "amount=5.50&income=0010.0&term=12",           // trailing zeros kept as written
        "amount=5.&income=.5&term=036",
        "amount=%2B5&income=3000&term=%2B36",          // an explicit plus sign
        "amount=100000000&income=100000000&term=480",  // the upper bounds
        "amount=12345.67&income=1234.56&term=1",
        "amount=999999.99&income=50000&term=360",
        "",
        "amount=&income=&term=",
        "amount=10000&income=3000",
        "amount=abc&income=3000&term=36",
        "amount=-5&income=3000&term=36",
        "amount=0&income=3000&term=36",
        "amount=1&income=0&term=1",                    // income must be > 0
        "amount=100000000.01&income=1&term=1",
        "amount=10000&income=3000&term=0",
        "amount=10000&income=3000&term=481",
        "amount=10000&income=3000&term=1.5",
        "amount=1e4&income=3000&term=36",              // no exponent notation
        "amount=1,000&income=3000&term=36",
        "amount=%205&income=3000&term=36",             // no surrounding spaces
        "amount=%D9%A5&income=3000&term=36",           // ASCII digits only
        "amount=10000&income=3000&term=99999999999",
    ];

    public sealed record Mismatch(string Query, int OursStatus, string OursBody, int PeerStatus, string PeerBody);

    public sealed record Outcome(int Cases, IReadOnlyList<Mismatch> Mismatches)
    {
        public bool Passed => Mismatches.Count == 0;
    }

    public static async Task<Outcome> RunAsync(ServiceContainer ours, ServiceContainer peer, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var mismatches = new List<Mismatch>();
        foreach (var query in Queries)
        {
            var path = "/api/quote" + (query.Length == 0 ? "" : "?" + query);
            var (oursStatus, oursBody) = await GetAsync(http, ours.Url(path), ct);
            var (peerStatus, peerBody) = await GetAsync(http, peer.Url(path), ct);
            if (oursStatus != peerStatus || !JsonEquivalent(oursBody, peerBody))
                mismatches.Add(new Mismatch(query, oursStatus, oursBody, peerStatus, peerBody));
        }

        return new Outcome(Queries.Count, mismatches);
    }

    private static async Task<(int Status, string Body)> GetAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public static bool JsonEquivalent(string a, string b)
    {
        try
        {
            return Equivalent(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return a == b;
        }
    }

    private static bool Equivalent(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => Keys(x).SetEquals(Keys(y)) && Keys(x).All(k => Equivalent(x[k], y[k])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => Equivalent(p.First, p.Second)),
        (JsonValue x, JsonValue y) when IsNumber(x) && IsNumber(y) => Number(x) == Number(y),
        (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };

    private static HashSet<string> Keys(JsonObject o) => o.Select(p => p.Key).Where(k => !IgnoredKeys.Contains(k)).ToHashSet();

    private static bool IsNumber(JsonValue v) => v.GetValueKind() == System.Text.Json.JsonValueKind.Number;

    private static double Number(JsonValue v) =>
        double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
