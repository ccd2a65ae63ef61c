using Containers;
using Docker.DotNet;

namespace Publishing.Tests.Registry;

/// <summary>A publishing test killed mid-run leaves its registry behind; the next run's sweep removes it.</summary>
public sealed class CrashCleanUpTests
{
    [Fact]
    public async Task After_kill_minus_9_of_a_publishing_test_the_next_run_removes_its_registry_container_and_volume()
    {
        using var docker = TestcontainersEngine.CreateClient();

        var crashed = await CrashHarness.CrashChildAsync(typeof(Program).Assembly, TimeSpan.FromSeconds(120));
        var (container, volume) = (crashed.Ids[0], crashed.Ids[1]);
        crashed.ExitCode.Should().Be(137, "SIGKILL ended it");
        var inspect = await docker.Containers.InspectContainerAsync(container);
        inspect.State!.Running.Should().BeTrue("nothing cleaned up after the killed run");
        inspect.Config!.Labels.Should().Contain(Session.SessionLabel, crashed.Session).And.ContainKey(Session.PidLabel).And.ContainKey(Session.HostLabel);

        (await CrashHarness.NextRunSweptSessionsAsync(typeof(Program).Assembly)).Should().Contain(crashed.Session);

        await AssertGoneAsync(() => docker.Containers.InspectContainerAsync(container));
        await AssertGoneAsync(() => docker.Volumes.InspectAsync(volume));
    }

    private static async Task AssertGoneAsync(Func<Task> inspect) =>
        await inspect.Should().ThrowAsync<DockerApiException>().Where(e => e.StatusCode == System.Net.HttpStatusCode.NotFound);
}
