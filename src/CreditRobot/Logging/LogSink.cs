namespace CreditRobot.Logging;

/// <summary>Where a log goes: a standard stream (<c>-</c>) or a file opened for appending. Thread-safe.</summary>
public sealed class LogSink : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _owned;

    private LogSink(TextWriter writer, bool owned)
    {
        _writer = writer;
        _owned = owned;
    }

    /// <summary><c>-</c> is <paramref name="standard"/>, empty is no sink at all, anything else a file.</summary>
    public static LogSink? Open(string target, TextWriter standard)
    {
        if (target.Length == 0) return null;
        if (target == "-") return new LogSink(standard, owned: false);
        var stream = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return new LogSink(TextWriter.Synchronized(new StreamWriter(stream) { AutoFlush = true }), owned: true);
    }

    public void WriteLine(string line)
    {
        lock (_writer) _writer.WriteLine(line);
    }

    public void Dispose()
    {
        if (_owned) _writer.Dispose();
    }
}
