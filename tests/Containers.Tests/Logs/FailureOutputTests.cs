using Containers.Testing;
using Containers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Containers.Tests.Logs;

public sealed class FailureOutputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_failing_test_body_gets_the_complete_logs_of_its_containers_printed_then_fails_as_before()
    {
        await using var container = (await Busybox.BuilderAsync(output, "failing"))
            .WithCommand("sh", "-c", "echo to stdout; echo to stderr >&2")
            .Build();
        await container.StartAsync();
        await container.GetExitCodeAsync();
        var recorded = new RecordingOutput();

        var act = () => recorded.PrintLogsOnFailureAsync(() => throw new InvalidOperationException("assertion failed"), container);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("assertion failed");
        recorded.Text.Should().Contain($"===== {container.Name} ({container.Image}) stdout =====\nto stdout\n")
            .And.Contain($"===== {container.Name} stderr =====\nto stderr");
    }

    [Fact]
    public async Task A_passing_test_body_prints_nothing()
    {
        var recorded = new RecordingOutput();

        await recorded.PrintLogsOnFailureAsync(() => Task.CompletedTask);

        recorded.Text.Should().BeEmpty();
    }

    // Records what a test would show; the real ITestOutputHelper only exists inside xunit's runner.
    private sealed class RecordingOutput : ITestOutputHelper
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text => _text.ToString();

        public void WriteLine(string message) => _text.Append(message).Append('\n');

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
