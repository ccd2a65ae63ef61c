using Containers;
using Publishing.Tests.Fixtures;

namespace Publishing.Tests;

/// <summary>
/// Entry point of the test assembly when run as a program (the test runner never calls it): the crash test's child
/// starts a test registry (a container and a volume) as the publishing tests do, and is killed.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => CrashHarness.MainAsync(args, async () =>
    {
        var (docker, _) = await DockerEngine.ConnectAsync(DockerEngine.Create());
        var registry = await TestRegistry.StartAsync(docker);
        return [registry.Options.ContainerName, registry.Options.VolumeName];
    });
}
