namespace Containers.Output;

/// <summary>
/// Keeps the lines of one container (bounded, oldest dropped) and forwards each to the output consumers as
/// it arrives. Wait strategies read it to match log messages and to show the last lines when a wait fails.
/// </summary>
internal sealed class LogCollector
{
    private const int MaxLines = 20_000;
    private readonly Lock _gate = new();
    private readonly List<LogLine> _lines = [];
    private readonly string _containerName;
    private readonly IReadOnlyList<IOutputConsumer> _consumers;
    private readonly LineSplitter _stdout;
    private readonly LineSplitter _stderr;

    public LogCollector(string containerName, IReadOnlyList<IOutputConsumer> consumers)
    {
        _containerName = containerName;
        _consumers = consumers;
        _stdout = new LineSplitter(LogStream.Stdout, Add);
        _stderr = new LineSplitter(LogStream.Stderr, Add);
    }

    public void Write(LogStream stream, string text) =>
        (stream == LogStream.Stdout ? _stdout : _stderr).Write(text);

    public void Complete()
    {
        _stdout.Flush();
        _stderr.Flush();
    }

    public ContainerLogs Snapshot()
    {
        lock (_gate) return new ContainerLogs(_lines.ToArray());
    }

    private void Add(LogLine line)
    {
        lock (_gate)
        {
            if (_lines.Count == MaxLines) _lines.RemoveAt(0);
            _lines.Add(line);
        }

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
