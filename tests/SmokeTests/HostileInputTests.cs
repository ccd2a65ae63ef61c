using System.Diagnostics;
using System.Net;
using System.Text;
using Containers;
using Containers.PostgreSql;
using Containers.Testing;
using SmokeTests.Infrastructure;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// Issue 14, the container-level proofs: a flood of maximal request bodies does not get the container OOM-killed
/// under <c>--memory=96m</c> at the default settings, and <c>/readyz</c> answers within 2 s while the database is
/// frozen by <c>docker pause</c>.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const long MemoryLimit = 96L * 1024 * 1024;

    [Fact]
    public async Task A_flood_of_1_MiB_bodies_under_memory_96m_is_refused_and_the_container_survives()
    {
        await using var app = (await App.BuilderAsync(output, "flood"))
            .WithMemoryLimit(MemoryLimit)
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            var name = new string('x', 1024 * 1024);
            var json = Encoding.UTF8.GetBytes($$"""{"applicantName":"{{name}}","amount":1000,"income":3000,"term":12}""");
            var form = Encoding.UTF8.GetBytes($"applicantName={name}&amount=1000&income=3000&term=12");
            // Four shapes, 100 at a time: declared length (refused unread), chunked (read up to the limit), the form,
            // and a body on an endpoint that never reads one (Kestrel discards it).
            (string Path, string Type, byte[] Body, bool Chunked)[] shapes =
            [
                ("/api/applications", "application/json", json, false), ("/api/applications", "application/json", json, true),
                ("/", "application/x-www-form-urlencoded", form, true), ("/healthz", "application/json", json, false),
            ];
            var outcomes = new Dictionary<string, int>();
            await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 100 }, async (i, ct) =>
            {
                var (path, type, body, chunked) = shapes[i % shapes.Length];
                using var request = new HttpRequestMessage(HttpMethod.Post, app.Url(path)) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new(type);
                request.Headers.TransferEncodingChunked = chunked;
                string outcome;
                try
                {
                    using var response = await Http.Client.SendAsync(request, ct);
                    outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (HttpRequestException)
                {
                    outcome = "reset after 413"; // refused while the client was still sending: not buffered either
                }
                lock (outcomes) outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            });
            output.WriteLine($"outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key} x{o.Value}"))}");

            var status = await app.GetStatusAsync();
            status.OomKilled.Should().BeFalse("the bodies are refused or discarded, never held");
            status.Running.Should().BeTrue();
            outcomes.Keys.Should().OnlyContain(k => k == "413" || k == "405" || k == "reset after 413");
            (await app.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        }, app);
    }

    [Fact]
    public async Task Readyz_answers_503_within_2_seconds_while_the_database_is_paused()
    {
        await using var network = new NetworkBuilder().WithName("paused").Build();
        await using var postgres = new PostgreSqlBuilder().WithNetwork(network, alias: "paused-db").WithOutputConsumer(new XunitOutputConsumer(output)).Build();
        await postgres.StartAsync();
        await using var app = (await App.BuilderAsync(output, "pauseddb"))
            .WithNetwork(network)
            .WithEnvironment("DATABASE_URL", postgres.GetNetworkDatabaseUrl())
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            await Http.EventuallyAsync(async () => (await app.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/readyz 200");
            await DockerAsync("pause", postgres.Id);
            try
            {
                for (var probe = 0; probe < 3; probe++) // the pooled connection first, then fresh connects
                {
                    var clock = Stopwatch.StartNew();
                    using var response = await app.GetAsync("/readyz");
                    clock.Stop();
                    output.WriteLine($"/readyz with the database paused: {(int)response.StatusCode} in {clock.ElapsedMilliseconds} ms");
                    response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                    clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
                }
            }
            finally
            {
                await DockerAsync("unpause", postgres.Id);
            }
            await Http.EventuallyAsync(async () => (await app.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/readyz 200 after unpause");
            (await app.GetLogsAsync()).Lines.Should().NotContain(l => l.Text.StartsWith("   at ", StringComparison.Ordinal), "an outage logs lines, not stack traces");
        }, app, postgres);
    }

    // The container fixture has no pause; the docker CLI does it (Testcontainers: IContainer.PauseAsync/UnpauseAsync).
    private static async Task DockerAsync(string verb, string id)
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", [verb, id]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = docker.StandardError.ReadToEndAsync();
        await docker.WaitForExitAsync();
        if (docker.ExitCode != 0) throw new InvalidOperationException($"docker {verb} {id} exited {docker.ExitCode}: {await error}");
    }
}
