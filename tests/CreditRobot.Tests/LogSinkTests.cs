using System.Text;
using CreditRobot.Logging;

namespace CreditRobot.Tests;

/// <summary>The access log's background writer: no line lost or reordered, few writes, drained on shutdown.</summary>
public sealed class LogSinkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("creditrobot-logsink-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_background_sink_keeps_every_line_of_every_thread_in_order_more_than_its_queue_holds()
    {
        var path = Path.Combine(_directory, "access.log");
        const int threads = 8, perThread = 5_000; // 40,000 lines: four times the queue, so writers must wait for room

        using (var sink = LogSink.Open(path, () => throw new InvalidOperationException("not a standard stream"), background: true)!)
            await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < perThread; i++) sink.WriteLine($"thread {t} line {i} é");
            })));

        var lines = File.ReadAllLines(path, Encoding.UTF8);
        lines.Should().HaveCount(threads * perThread);
        for (var t = 0; t < threads; t++)
            lines.Where(l => l.StartsWith($"thread {t} ")).Should().Equal(Enumerable.Range(0, perThread).Select(i => $"thread {t} line {i} é"));
    }

    [Fact]
    public void A_background_sink_writes_what_queued_up_in_one_call_not_one_call_per_line()
    {
        var stream = new SlowCountingStream();

        using (var sink = LogSink.Open("-", () => stream, background: true)!)
            for (var i = 0; i < 10_000; i++) sink.WriteLine($"GET /api/quote?n={i} 200");

        Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(10_000);
        stream.Writes.Should().BeLessThan(100, "10,000 lines of ~30 bytes fit in a handful of 64 KB batches");
    }

    [Fact]
    public void A_direct_sink_has_the_line_in_the_file_when_WriteLine_returns()
    {
        var path = Path.Combine(_directory, "error.log");
        using var sink = LogSink.Open(path, () => Stream.Null)!;

        sink.WriteLine("[critical] cannot listen");

        File.ReadAllText(path).Should().Be("[critical] cannot listen\n");
    }

    [Fact]
    public void A_line_after_shutdown_is_still_written()
    {
        var stream = new SlowCountingStream();
        var sink = LogSink.Open("-", () => stream, background: true)!;
        sink.WriteLine("before");
        sink.Dispose();

        sink.WriteLine("after: a request aborted at the graceful timeout");

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be("before\nafter: a request aborted at the graceful timeout\n");
    }

    [Fact]
    public void A_line_after_the_log_file_was_closed_does_not_fail_the_request()
    {
        var sink = LogSink.Open(Path.Combine(_directory, "closed.log"), () => Stream.Null, background: true)!;
        sink.Dispose();

        sink.Invoking(s => s.WriteLine("late")).Should().NotThrow();
    }

    [Fact]
    public void Appends_to_an_existing_file_and_an_empty_target_is_no_sink()
    {
        var path = Path.Combine(_directory, "kept.log");
        File.WriteAllText(path, "from the last run\n");

        using (var sink = LogSink.Open(path, () => Stream.Null, background: true)!) sink.WriteLine("this run");

        File.ReadAllText(path).Should().Be("from the last run\nthis run\n");
        LogSink.Open("", () => Stream.Null).Should().BeNull();
    }

    /// <summary>A console that takes a millisecond per write, so lines pile up while it writes.</summary>
    private sealed class SlowCountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            Thread.Sleep(1);
            base.Write(buffer);
        }
    }
}
