using Containers;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Testing.Tests;

public sealed class CrashCleanUpTests
{
    [Fact]
    public async Task After_kill_minus_9_of_a_test_process_the_next_run_removes_its_container_and_network()
    {
        using var docker = TestcontainersEngine.CreateClient();
        await RecipeImages.BuildAsync("idle", TestImages.Idle); // built here, not raced by the child

        var readyLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var child = Child(Program.CrashChild)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                if (line.StartsWith("READY ", StringComparison.Ordinal)) readyLine.TrySetResult(line);
            }))
            .ExecuteAsync();
        var childPid = child.ProcessId;
        var first = await Task.WhenAny(readyLine.Task, child.Task, Task.Delay(TimeSpan.FromSeconds(120)));
        first.Should().BeSameAs(readyLine.Task, "the crash child prints READY once its container runs (waited 120 s)");
        var ready = (await readyLine.Task).Split(' ')[1..];

        var (session, containerId, networkId) = (ready[0], ready[1], ready[2]);
        var inspect = await docker.Containers.InspectContainerAsync(containerId);
        inspect.State!.Running.Should().BeTrue("the child started it");
        inspect.Config!.Labels.Should().Contain(Session.PidLabel, childPid.ToString(CultureInfo.InvariantCulture));

        // SIGKILL, as `kill -9`: no finally blocks, no dispose.
        ProcessIdentity.Of(childPid).Should().NotBeNull("the child still runs until the kill");
        await Cli.Wrap("kill").WithArguments(["-9", childPid.ToString(CultureInfo.InvariantCulture)]).ExecuteAsync();
        (await child).ExitCode.Should().Be(137, "SIGKILL ended it");
        (await docker.Containers.InspectContainerAsync(containerId)).State!.Running.Should().BeTrue("nothing cleaned up after the killed run");

        var output = await Child(Program.NextRun).ExecuteBufferedAsync();
        var swept = output.StandardOutput.Split('\n').Single(l => l.StartsWith("SWEPT ", StringComparison.Ordinal)).Split(' ')[1..];
        swept[0].Split(',').Should().Contain(session);

        await AssertGoneAsync(() => docker.Containers.InspectContainerAsync(containerId));
        await AssertGoneAsync(() => docker.Networks.InspectNetworkAsync(networkId));
    }

    [Fact]
    public void Labels_of_this_session_another_host_or_a_live_process_are_not_orphaned_but_a_dead_pid_is()
    {
        Session.IsOrphaned(new Dictionary<string, string>(Session.Labels)).Should().BeFalse("this session is alive");
        Session.IsOrphaned(Fake(ProcessIdentity.Current.Pid, "1", "elsewhere")).Should().BeFalse("another host's processes cannot be checked from here");
        Session.IsOrphaned(Fake(1, ProcessIdentity.Of(1)!.StartTime)).Should().BeFalse("pid 1 runs with that start time");
        Session.IsOrphaned(Fake(ProcessIdentity.Current.Pid, "1")).Should().BeTrue("a reused pid has another start time");
        Session.IsOrphaned(new Dictionary<string, string> { [Session.ProjectLabel] = Session.ProjectValue })
            .Should().BeFalse("resources without a session are not ours to judge");
    }

    private static Dictionary<string, string> Fake(int pid, string start, string? host = null) => new()
    {
        [Session.SessionLabel] = Guid.NewGuid().ToString("N"),
        [Session.PidLabel] = pid.ToString(CultureInfo.InvariantCulture),
        [Session.StartLabel] = start,
        [Session.HostLabel] = host ?? Session.Host,
    };

    /// <summary>This assembly as a program; without Ryuk, so the sweep alone must clean up (as where Ryuk cannot run).</summary>
    private static Command Child(string command) =>
        Cli.Wrap("dotnet").WithArguments([typeof(Program).Assembly.Location, command])
            .WithEnvironmentVariables(e => e.Set(TestcontainersEngine.RyukDisabledVariable, "true"))
            .WithValidation(CommandResultValidation.None);

    private static async Task AssertGoneAsync(Func<Task> inspect) =>
        await inspect.Should().ThrowAsync<DockerApiException>().Where(e => e.StatusCode == System.Net.HttpStatusCode.NotFound);
}
