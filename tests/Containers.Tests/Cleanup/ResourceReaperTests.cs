using Containers.Cleanup;
using DockerEngine;

namespace Containers.Tests.Cleanup;

public sealed class ResourceReaperTests
{
    [Fact]
    public async Task After_kill_minus_9_of_a_run_the_next_run_removes_its_container_and_network()
    {
        using var docker = new DockerClient();
        await Infrastructure.TestImages.BusyboxAsync(); // built here, not concurrently by the child
        string session, containerId, networkId;
        using (var child = ChildProcess.Start(ReaperChild.Command))
        {
            var ready = await child.ReadLineAsync("READY", TimeSpan.FromSeconds(90));
            (session, containerId, networkId) = (ready[0], ready[1], ready[2]);
            (await docker.Containers.InspectAsync(containerId)).State.Running.Should().BeTrue("the child started it");
            (await docker.Containers.InspectAsync(containerId)).Config.Labels.Should()
                .Contain(ResourceLabels.SessionPid, child.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

            await child.KillHardAsync();
        }

        // The killed run cleaned nothing up: its resources are still there.
        (await docker.Containers.InspectAsync(containerId)).State.Running.Should().BeTrue();

        using (var nextRun = ChildProcess.Start(ReaperChild.NextRunCommand))
        {
            var swept = await nextRun.ReadLineAsync("SWEPT", TimeSpan.FromSeconds(60));
            swept[0].Split(',').Should().Contain(session);
            (await nextRun.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        }

        await AssertGoneAsync(() => docker.Containers.InspectAsync(containerId));
        await AssertGoneAsync(() => docker.Networks.InspectAsync(networkId));
    }

    [Fact]
    public async Task Sweep_removes_resources_whose_pid_was_reused_but_keeps_those_of_live_sessions()
    {
        using var docker = new DockerClient();
        var image = await Infrastructure.TestImages.BusyboxAsync();
        // Our own pid with another start time: what a crashed session looks like after the kernel reused its pid.
        var reused = FakeSession(ProcessIdentity.Current.Pid, startTime: "1");
        // pid 1 with its real start time: a live session of another process on this host.
        var alive = FakeSession(1, ProcessIdentity.Of(1)!.StartTime);
        var reusedContainer = await docker.Containers.CreateAsync(new CreateContainerRequest { Image = image, Cmd = ["true"], Labels = reused });
        var aliveContainer = await docker.Containers.CreateAsync(new CreateContainerRequest { Image = image, Cmd = ["true"], Labels = alive });
        var reusedNetwork = await docker.Networks.CreateAsync(new CreateNetworkRequest { Name = $"creditrobot-reaper-{Guid.NewGuid():N}", Labels = reused });
        var reusedVolume = (await docker.Volumes.CreateAsync(new CreateVolumeRequest { Name = $"creditrobot-reaper-{Guid.NewGuid():N}", Labels = reused })).Name;
        try
        {
            var result = await ResourceReaper.SweepAsync();

            result.Sessions.Should().Contain(reused[ResourceLabels.Session]).And.NotContain(alive[ResourceLabels.Session]);
            await AssertGoneAsync(() => docker.Containers.InspectAsync(reusedContainer));
            await AssertGoneAsync(() => docker.Networks.InspectAsync(reusedNetwork));
            await AssertGoneAsync(() => docker.Volumes.InspectAsync(reusedVolume));
            (await docker.Containers.InspectAsync(aliveContainer)).Id.Should().Be(aliveContainer, "its session's process still runs");
        }
        finally
        {
            await docker.Containers.RemoveAsync(aliveContainer);
        }
    }

    [Fact]
    public void Labels_of_this_session_another_host_or_a_live_process_are_not_orphaned()
    {
        ResourceReaper.IsOrphaned(TestSession.Labels).Should().BeFalse("this session is alive");
        var otherHost = new Dictionary<string, string>(FakeSession(ProcessIdentity.Current.Pid, "1")) { [ResourceLabels.SessionHost] = "elsewhere" };
        ResourceReaper.IsOrphaned(otherHost).Should().BeFalse("processes of another host cannot be checked from here");
        ResourceReaper.IsOrphaned(FakeSession(int.MaxValue, "1")).Should().BeTrue("no process has that pid");
        ResourceReaper.IsOrphaned(new Dictionary<string, string> { [ResourceLabels.Project] = ResourceLabels.ProjectValue })
            .Should().BeFalse("resources without a session are not ours to judge");
    }

    private static Dictionary<string, string> FakeSession(int pid, string startTime) => new()
    {
        [ResourceLabels.Project] = ResourceLabels.ProjectValue,
        [ResourceLabels.Session] = Guid.NewGuid().ToString("N"),
        [ResourceLabels.SessionPid] = pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ResourceLabels.SessionStart] = startTime,
        [ResourceLabels.SessionHost] = TestSession.Host,
    };

    private static async Task AssertGoneAsync<T>(Func<Task<T>> inspect)
    {
        var act = async () => await inspect();
        (await act.Should().ThrowAsync<DockerEngineException>()).Which.Kind.Should().Be(DockerErrorKind.NotFound);
    }
}
