namespace Containers.Output;

/// <summary>
/// Keeps the lines of one container (bounded, oldest dropped) and forwards each to the output consumers as
/// it arrives. Wait strategies read it to match log messages and to show the last lines when a wait fails.
/// </summary>
/// <remarks>
/// The engine's followed log stream may end without the last lines (engine 20.10 drops a final line without
/// newline, and can stop following when the container exits during the request), so once the container
/// has exited <see cref="CompleteFrom"/> tops the collection up from the engine's complete logs.
/// </remarks>
internal sealed class LogCollector
{
    private const int MaxLines = 20_000;
    private readonly Lock _gate = new();
    private readonly List<LogLine> _lines = [];
    private readonly string _containerName;
    private readonly IReadOnlyList<IOutputConsumer> _consumers;
    private readonly LineSplitter _stdout;
    private readonly LineSplitter _stderr;
    private int _stdoutCount;
    private int _stderrCount;
    private bool _completed;

    public LogCollector(string containerName, IReadOnlyList<IOutputConsumer> consumers)
    {
        _containerName = containerName;
        _consumers = consumers;
        _stdout = new LineSplitter(LogStream.Stdout, Add);
        _stderr = new LineSplitter(LogStream.Stderr, Add);
    }

    public bool IsCompleted
    {
        get
        {
            lock (_gate) return _completed;
        }
    }

    public void Write(LogStream stream, string text)
    {
        lock (_gate)
        {
            if (_completed) return;
            (stream == LogStream.Stdout ? _stdout : _stderr).Write(text);
        }
    }

    /// <summary>The followed stream ended: a last line without newline is a line too.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed) return;
            _stdout.Flush();
            _stderr.Flush();
        }
    }

    /// <summary>Adds (and forwards) the lines of the exited container's complete logs that were not seen live.</summary>
    public void CompleteFrom(ContainerLogs complete)
    {
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            var stdout = complete.Lines.Where(l => l.Stream == LogStream.Stdout).Skip(_stdoutCount);
            var stderr = complete.Lines.Where(l => l.Stream == LogStream.Stderr).Skip(_stderrCount);
            foreach (var line in stdout.Concat(stderr).ToList()) Add(line);
        }
    }

    public ContainerLogs Snapshot()
    {
        lock (_gate) return new ContainerLogs(_lines.ToArray());
    }

    // Called under _gate (from the splitters or CompleteFrom).
    private void Add(LogLine line)
    {
        if (_lines.Count == MaxLines) _lines.RemoveAt(0);
        _lines.Add(line);
        if (line.Stream == LogStream.Stdout) _stdoutCount++;
        else _stderrCount++;

        foreach (var consumer in _consumers)
        {
            try
            {
                consumer.OnLine(_containerName, line);
            }
            catch (Exception)
            {
                // A consumer (e.g. a finished test's output helper) must never stop log collection.
            }
        }
    }
}
