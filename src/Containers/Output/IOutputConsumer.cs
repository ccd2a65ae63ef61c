namespace Containers.Output;

/// <summary>
/// Receives a container's output live, line by line, stdout and stderr separated. Called from a background
/// reader: implementations must be thread-safe and must not throw.
/// </summary>
public interface IOutputConsumer
{
    void OnLine(string containerName, LogLine line);
}

/// <summary>Ready-made consumers.</summary>
public static class Consume
{
    public static IOutputConsumer DoNotConsume() => Nothing.Instance;

    /// <summary>Writes each line prefixed with the container name, e.g. to the console.</summary>
    public static IOutputConsumer ToWriter(TextWriter writer) => new WriterConsumer(writer);

    public static IOutputConsumer ToDelegate(Action<string, LogLine> onLine) => new DelegateConsumer(onLine);

    private sealed class Nothing : IOutputConsumer
    {
        public static readonly Nothing Instance = new();

        public void OnLine(string containerName, LogLine line)
        {
        }
    }

    private sealed class WriterConsumer(TextWriter writer) : IOutputConsumer
    {
        private readonly Lock _gate = new();

        public void OnLine(string containerName, LogLine line)
        {
            lock (_gate) writer.WriteLine($"{containerName} {line}");
        }
    }

    private sealed class DelegateConsumer(Action<string, LogLine> onLine) : IOutputConsumer
    {
        public void OnLine(string containerName, LogLine line) => onLine(containerName, line);
    }
}
