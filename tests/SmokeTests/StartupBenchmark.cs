using Containers;
using System.Globalization;
using System.Net;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// Benchmark, not a scenario: container start → first 200 on /healthz, median of 5. Skipped unless
/// <c>CREDITROBOT_BENCHMARK=1</c>, because in the parallel smoke run other containers would distort it. Run:
/// <c>CREDITROBOT_BENCHMARK=1 CREDITROBOT_IMAGE=&lt;id&gt; dotnet test tests/SmokeTests --filter StartupBenchmark --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class StartupBenchmark(ITestOutputHelper output)
{
    private const int Runs = 5;

    [BenchmarkFact]
    public async Task Container_start_to_first_200_on_healthz_median_of_5()
    {
        using var docker = TestcontainersEngine.CreateClient();
        var samples = new List<double>();
        for (var run = 1; run <= Runs; run++)
        {
            await using var app = (await App.BuilderAsync("startup")).Build();
            await app.StartAsync();
            // Polled as fast as the proxy answers; the first 200 ends the sample.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!await AnswersAsync(app.Url("/healthz")))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Run {run}: no 200 from /healthz within 30 s.");
                await Task.Delay(5);
            }

            var firstOk = DateTimeOffset.UtcNow;
            // From the engine's own start timestamp (the process exec), so container create time is not counted.
            var started = DateTimeOffset.Parse((await docker.Containers.InspectContainerAsync(app.Id)).State!.StartedAt, CultureInfo.InvariantCulture);
            samples.Add((firstOk - started).TotalMilliseconds);
            output.WriteLine($"run {run}: {samples[^1]:0} ms");
        }

        var median = samples.Order().ElementAt(Runs / 2);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"container start -> first 200 on /healthz: median {median:0} ms of {Runs} (min {samples.Min():0}, max {samples.Max():0}); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        median.Should().BeLessThan(15000, "a sanity bound only: the number above is the result (idle machine: well under a second)");
    }

    private static async Task<bool> AnswersAsync(Uri url)
    {
        try
        {
            using var response = await Http.Client.GetAsync(url);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private sealed class BenchmarkFactAttribute : FactAttribute
    {
        public BenchmarkFactAttribute()
        {
            if (Environment.GetEnvironmentVariable("CREDITROBOT_BENCHMARK") != "1")
                Skip = "a benchmark: set CREDITROBOT_BENCHMARK=1 to measure (kept out of the parallel smoke run)";
        }
    }
}
