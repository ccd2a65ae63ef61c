using Containers;
using System.Globalization;
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

        var crashed = await CrashHarness.CrashChildAsync(typeof(Program).Assembly, TimeSpan.FromSeconds(120));
        var (containerId, networkId) = (crashed.Ids[0], crashed.Ids[1]);
        crashed.ExitCode.Should().Be(137, "SIGKILL ended it");
        var inspect = await docker.Containers.InspectContainerAsync(containerId);
        inspect.State!.Running.Should().BeTrue("nothing cleaned up after the killed run");
        inspect.Config!.Labels.Should().Contain(Session.PidLabel, crashed.Pid.ToString(CultureInfo.InvariantCulture));

        (await CrashHarness.NextRunSweptSessionsAsync(typeof(Program).Assembly)).Should().Contain(crashed.Session);

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

    private static async Task AssertGoneAsync(Func<Task> inspect) =>
        await inspect.Should().ThrowAsync<DockerApiException>().Where(e => e.StatusCode == System.Net.HttpStatusCode.NotFound);
}
