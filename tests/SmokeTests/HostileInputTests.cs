using Containers;
using System.Diagnostics;
using System.Net;
using System.Text;
using DotNet.Testcontainers.Builders;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// Issue 14, the container-level proof for bodies: a flood of maximal request bodies does not get the container
/// OOM-killed under <c>--memory=96m</c> at the default settings (the database side: <see cref="PausedDatabaseTests"/>).
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const long MemoryLimit = 96L * 1024 * 1024;

    [Fact]
    public async Task A_flood_of_1_MiB_bodies_under_memory_96m_is_refused_and_the_container_survives()
    {
        await using var app = (await App.BuilderAsync("flood"))
            .WithCreateParameterModifier(p => { p.HostConfig!.Memory = MemoryLimit; p.HostConfig.MemorySwap = MemoryLimit; })
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

            using var docker = TestcontainersEngine.CreateClient();
            var state = (await docker.Containers.InspectContainerAsync(app.Id)).State!;
            state.OOMKilled.Should().BeFalse("the bodies are refused or discarded, never held");
            state.Running.Should().BeTrue();
            outcomes.Keys.Should().OnlyContain(k => k == "413" || k == "405" || k == "reset after 413");
            (await app.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        }, app);
    }
}
