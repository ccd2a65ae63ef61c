using Containers;
using Containers.Output;
using Xunit.Abstractions;

namespace Containers.Testing;

/// <summary>
/// Forwards container output live to xunit's <see cref="ITestOutputHelper"/> (shown with a failing test).
/// src/Containers stays free of xunit; this adapter lives with the tests (linked into each test project).
/// </summary>
public sealed class XunitOutputConsumer(ITestOutputHelper output) : IOutputConsumer
{
    public void OnLine(string containerName, LogLine line)
    {
        try
        {
            output.WriteLine($"{containerName} {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; xunit no longer accepts output for it.
        }
    }
}

/// <summary>
/// For containers shared by several tests (class fixtures, which get no ITestOutputHelper): each test attaches its
/// own output in its constructor, so the lines a container writes during a test appear with that test.
/// </summary>
public sealed class SwitchableOutputConsumer : IOutputConsumer
{
    private volatile ITestOutputHelper? _current;

    public void Attach(ITestOutputHelper output) => _current = output;

    public void OnLine(string containerName, LogLine line)
    {
        if (_current is { } output) new XunitOutputConsumer(output).OnLine(containerName, line);
    }
}

public static class ContainerTestOutput
{
    /// <summary>Sends the container's output live to the test's output.</summary>
    public static Builders.ContainerBuilder WithTestOutput(this Builders.ContainerBuilder builder, ITestOutputHelper output) =>
        builder.WithOutputConsumer(new XunitOutputConsumer(output));

    /// <summary>
    /// Runs a test body; if it fails, prints the complete logs of the containers (read from the engine, stdout and
    /// stderr apart) before the failure propagates, so a failing assertion always comes with the container's side.
    /// </summary>
    public static async Task PrintLogsOnFailureAsync(this ITestOutputHelper output, Func<Task> body, params IContainer[] containers)
    {
        try
        {
            await body();
        }
        catch
        {
            foreach (var container in containers) await PrintLogsAsync(output, container);
            throw;
        }
    }

    public static async Task PrintLogsAsync(this ITestOutputHelper output, IContainer container)
    {
        ContainerLogs logs;
        try
        {
            logs = await container.GetLogsAsync();
        }
        catch (Exception e)
        {
            logs = container.Logs;
            output.WriteLine($"(engine logs of {container.Name} unavailable: {e.Message}; showing what was collected live)");
        }

        output.WriteLine($"===== {container.Name} ({container.Image}) stdout =====");
        output.WriteLine(logs.Stdout);
        output.WriteLine($"===== {container.Name} stderr =====");
        output.WriteLine(logs.Stderr);
    }
}
