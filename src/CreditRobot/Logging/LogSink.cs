using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace CreditRobot.Logging;

/// <summary>
/// Where a log goes: a standard stream (<c>-</c>) or a file opened for appending; UTF-8, one line per entry.
/// Thread-safe. A direct sink writes each line before <see cref="WriteLine"/> returns (the server log: rare lines
/// that must survive a crash). A background sink queues lines for one writer that writes whatever has queued
/// up in a single call (the access log: a console write per request measured two thirds of the CPU per request).
/// The queue is bounded, so a writer that falls behind slows requests down instead of growing memory or
/// dropping lines; <see cref="Dispose"/> drains it. The writer is a thread of its own and a full queue blocks on
/// a semaphore, so neither waits for a thread-pool thread that the blocked requests hold.
/// </summary>
public sealed class LogSink : IDisposable
{
    private const int QueueLength = 10_000;
    private const int BatchBytes = 64 * 1024;

    private readonly object _gate = new();
    private readonly string? _path;
    private Stream _stream;
    private readonly BlockingCollection<string>? _queue;
    private readonly Thread? _writer;
    private bool _reportedFailure;

    private LogSink(Stream stream, string? path, bool background)
    {
        _stream = stream;
        _path = path;
        if (!background) return;
        _queue = new BlockingCollection<string>(QueueLength);
        _writer = new Thread(WriteQueuedLines) { IsBackground = true, Name = "log writer" };
        _writer.Start();
    }

    /// <summary><c>-</c> is <paramref name="standard"/>, empty is no sink at all, anything else a file.</summary>
    public static LogSink? Open(string target, Func<Stream> standard, bool background = false)
    {
        if (target.Length == 0) return null;
        return target == "-" ? new LogSink(standard(), path: null, background) : new LogSink(OpenFile(target), target, background);
    }

    // Unbuffered: a direct line reaches the file in one write, a background batch in one write.
    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    /// <summary>
    /// Opens the file again by its path (USR1/HUP, after logrotate moved it): later lines go to a new file of that name.
    /// A standard stream is left as it is. Returns why it failed, or null.
    /// </summary>
    public string? Reopen()
    {
        if (_path is null) return null;
        try
        {
            var reopened = OpenFile(_path);
            Stream old;
            lock (_gate)
            {
                old = _stream;
                _stream = reopened;
            }
            old.Dispose();
            _reportedFailure = false;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot reopen {_path}: {e.Message}; lines keep going to the file opened before";
        }
    }

    public void WriteLine(string line)
    {
        if (_queue is not null && Enqueue(line)) return;
        var bytes = new ArrayBufferWriter<byte>(line.Length + 1);
        Append(bytes, line);
        Write(bytes.WrittenSpan);
    }

    public void Dispose()
    {
        if (_queue is not null)
        {
            _queue.CompleteAdding();
            _writer!.Join();
        }
        if (_path is not null) lock (_gate) _stream.Dispose();
    }

    // False once the sink is disposed: late lines (a request aborted at shutdown) are then written directly.
    private bool Enqueue(string line)
    {
        try
        {
            _queue!.Add(line);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void WriteQueuedLines()
    {
        var batch = new ArrayBufferWriter<byte>(BatchBytes);
        foreach (var line in _queue!.GetConsumingEnumerable())
        {
            Append(batch, line);
            while (batch.WrittenCount < BatchBytes && _queue.TryTake(out var next)) Append(batch, next);
            Write(batch.WrittenSpan);
            batch.ResetWrittenCount();
        }
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string line)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length) + 1);
        var length = Encoding.UTF8.GetBytes(line, span);
        span[length] = (byte)'\n';
        buffer.Advance(length + 1);
    }

    // A log that cannot be written (disk full, closed pipe) must not take the server down: say so once on stderr.
    private void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            lock (_gate) _stream.Write(bytes);
        }
        catch (ObjectDisposedException)
        {
            // A log file closed at shutdown: a line from a request aborted after that has nowhere to go.
        }
        catch (IOException e)
        {
            if (_reportedFailure) return;
            _reportedFailure = true;
            Console.Error.WriteLine($"cannot write a log line ({e.Message}); further failures are not reported");
        }
    }
}
