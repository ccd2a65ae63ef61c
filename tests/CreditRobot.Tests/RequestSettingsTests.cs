using System.Diagnostics;
using System.Net;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>
/// timeout, worker_class/workers/threads and graceful_timeout, observed with a real slow request:
/// GET /api/applications waits while the test holds a lock on the table.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RequestSettingsTests(PostgresFixture postgres)
{
    private Task WaitingAsync(string database, int count) => Eventually.UntilAsync(
        async () => await TableLock.WaitingQueriesAsync(postgres.Server, database) == count, $"{count} app queries waiting on the table lock");

    [Fact]
    public async Task timeout_ends_a_request_the_database_does_not_answer_with_503_and_Retry_After_and_cancels_the_query()
    {
        var (app, database) = await postgres.StartAppAsync("timeout = 1");
        await using var _ = app;
        await using var tableLock = await TableLock.AcquireAsync(postgres.Server, database);

        var clock = Stopwatch.StartNew();
        using var response = await app.Http.GetAsync("/api/applications");

        // The database did not answer in time: for the client an outage like any other (504 stays for a client too slow to send).
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.Should().NotBeNull();
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.9)).And.BeLessThan(TimeSpan.FromSeconds(10));
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":503");
        // Still holding the lock: the query is gone because the request's cancellation reached PostgreSQL.
        await WaitingAsync(database, 0);
    }

    [Fact]
    public async Task async_worker_class_does_not_queue_requests_behind_a_slow_one()
    {
        var (app, database) = await postgres.StartAppAsync("workers = 1\nthreads = 1\nworker_class = async");
        await using var _ = app;
        await using var tableLock = await TableLock.AcquireAsync(postgres.Server, database);

        var slow = app.Http.GetAsync("/api/applications");
        await WaitingAsync(database, 1);

        (await app.Http.GetAsync("/api/quote?amount=1&income=1&term=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        slow.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task sync_worker_class_runs_workers_times_threads_requests_and_queues_the_rest()
    {
        // WEB_CONCURRENCY is the platform's name for workers; it beats the file.
        var (app, database) = await postgres.StartAppAsync("workers = 4\nthreads = 2\nworker_class = sync", ("WEB_CONCURRENCY", "1"));
        await using var _ = app;
        app.Stderr.Should().Contain(l => l.Contains("workers=1 (WEB_CONCURRENCY)") && l.Contains("thread pool min worker threads 2"));
        var tableLock = await TableLock.AcquireAsync(postgres.Server, database);

        var first = app.Http.GetAsync("/api/applications");
        var second = app.Http.GetAsync("/api/applications");
        await WaitingAsync(database, 2); // 1 worker x 2 threads: both slots busy
        var queued = app.Http.GetAsync("/api/quote?amount=1&income=1&term=1");
        (await app.Http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "probes are never queued");
        (await Task.WhenAny(queued, Task.Delay(TimeSpan.FromSeconds(1)))).Should().NotBe(queued, "a third request waits for a free slot");

        await tableLock.DisposeAsync();
        (await queued).StatusCode.Should().Be(HttpStatusCode.OK);
        (await first).StatusCode.Should().Be(HttpStatusCode.OK);
        (await second).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task graceful_timeout_bounds_how_long_shutdown_waits_for_a_request()
    {
        var (app, database) = await postgres.StartAppAsync("graceful_timeout = 1\ntimeout = 0");
        await using var _ = app;
        await using var tableLock = await TableLock.AcquireAsync(postgres.Server, database);
        var stuck = app.Http.GetAsync("/api/applications");
        await WaitingAsync(database, 1);

        var clock = Stopwatch.StartNew();
        app.Terminate();
        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(15));

        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.9)).And.BeLessThan(TimeSpan.FromSeconds(6));
        exitCode.Should().Be(0);
        var aborted = async () => (await stuck).EnsureSuccessStatusCode();
        await aborted.Should().ThrowAsync<HttpRequestException>("the request still running after graceful_timeout is aborted");
    }

    [Fact]
    public async Task Within_graceful_timeout_a_request_in_flight_completes_before_the_process_exits()
    {
        var (app, database) = await postgres.StartAppAsync("graceful_timeout = 30\ntimeout = 0");
        await using var _ = app;
        var tableLock = await TableLock.AcquireAsync(postgres.Server, database);
        var inFlight = app.Http.GetAsync("/api/applications");
        await WaitingAsync(database, 1);

        app.Terminate();
        var exited = app.WaitForExitAsync(TimeSpan.FromSeconds(60));
        (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(1)))).Should().NotBeSameAs(exited, "the process waits for the request in flight");
        app.HasExited.Should().BeFalse();
        await tableLock.DisposeAsync();

        (await inFlight).StatusCode.Should().Be(HttpStatusCode.OK);
        (await exited).Should().Be(0);
    }
}
