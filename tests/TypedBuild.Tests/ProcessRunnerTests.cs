using System.Diagnostics;
using Spectre.Console;

namespace TypedBuild.Tests;

public sealed class ProcessRunnerTests
{
    private readonly StringWriter _output = new();
    private readonly ProcessRunner _runner;
    private readonly string _directory = Support.TempDirectory.Create();

    public ProcessRunnerTests()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(_output),
        });
        _runner = new ProcessRunner(new BuildLog(console, new SecretRedactor(), Verbosity.Normal), _directory);
    }

    [Fact]
    public async Task Arguments_are_passed_verbatim_without_a_shell()
    {
        var result = await _runner.RunAsync("printf", ["%s|", "two words", "$HOME", "a'b\"c", ""], null, CancellationToken.None);

        result.StandardOutput.Should().Be("two words|$HOME|a'b\"c||");
    }

    [Fact]
    public async Task Working_directory_environment_and_prefixed_streamed_output()
    {
        var result = await _runner.RunAsync("sh", ["-c", "pwd; echo \"$GREETING\"; echo oops >&2"],
            new ToolOptions { Environment = new Dictionary<string, string?> { ["GREETING"] = "hi there" }, Prefix = "shell" }, CancellationToken.None);

        result.StandardOutput.Should().Be(_directory + "\nhi there");
        result.StandardError.Should().Be("oops");
        _output.ToString().Should().Contain("[shell] hi there").And.Contain("[shell] oops");
    }

    [Fact]
    public async Task A_non_zero_exit_code_throws_a_clear_error_unless_disabled()
    {
        var act = () => _runner.RunAsync("sh", ["-c", "exit 4"], null, CancellationToken.None);
        var unchecked_ = await _runner.RunAsync("sh", ["-c", "exit 4"], new ToolOptions { CheckExitCode = false }, CancellationToken.None);

        (await act.Should().ThrowAsync<ToolFailedException>())
            .Which.Message.Should().Be($"'sh -c 'exit 4'' exited with code 4 (working directory {_directory}). Its output is above.");
        unchecked_.ExitCode.Should().Be(4);
    }

    [Fact]
    public async Task In_quiet_mode_a_failure_carries_the_output_tail_since_nothing_was_streamed()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        var quiet = new ProcessRunner(new BuildLog(console, new SecretRedactor(), Verbosity.Quiet), _directory);

        var act = () => quiet.RunAsync("sh", ["-c", "echo the reason; exit 2"], null, CancellationToken.None);

        (await act.Should().ThrowAsync<ToolFailedException>()).Which.Message.Should().EndWith("Last output:" + Environment.NewLine + "  the reason");
    }

    [Fact]
    public async Task A_missing_tool_is_a_clear_error()
    {
        var act = () => _runner.RunAsync("no-such-tool-typedbuild", [], null, CancellationToken.None);

        (await act.Should().ThrowAsync<BuildException>()).Which.Message.Should().Contain("'no-such-tool-typedbuild' was not found on PATH");
    }

    [Fact]
    public async Task Cancellation_kills_the_whole_process_tree()
    {
        var pidFile = Path.Combine(_directory, "child.pid");
        using var cancellation = new CancellationTokenSource();
        var running = _runner.RunAsync("sh", ["-c", $"sleep 300 & echo $! > {pidFile}; wait"], null, cancellation.Token);

        var childPid = await PollAsync(() => File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), out var pid) ? pid : (int?)null,
            "the grandchild's pid file");
        await cancellation.CancelAsync();

        await running.Awaiting(t => t.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<OperationCanceledException>();
        await PollAsync(() => IsGone(childPid) ? true : (bool?)null, $"grandchild {childPid} to exit");
    }

    private static bool IsGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value; fails after 20 s naming what was awaited.</summary>
    private static async Task<T> PollAsync<T>(Func<T?> probe, string what) where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
                return value;
            await Task.Delay(50);
        }

        throw new TimeoutException($"Timed out after 20 s waiting for {what}.");
    }
}
