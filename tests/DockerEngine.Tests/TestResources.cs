namespace DockerEngine.Tests;

/// <summary>Labels and unique names for everything the tests create, so cleanup can find it.</summary>
internal static class TestResources
{
    public const string ProjectLabel = "com.creditrobot.project";
    public const string SessionLabel = "com.creditrobot.session";

    /// <summary>One id per test run: names and image repositories are unique, cleanup removes exactly ours.</summary>
    public static string RunId { get; } = Guid.NewGuid().ToString("N")[..10];

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [ProjectLabel] = "creditrobot",
        [SessionLabel] = "dockerengine-tests-" + RunId,
    };

    public static IReadOnlyDictionary<string, string?> SessionFilter { get; } = new Dictionary<string, string?>
    {
        [SessionLabel] = "dockerengine-tests-" + RunId,
    };

    public static string Name(string what) => $"cr-dockerengine-{what}-{RunId}-{Guid.NewGuid().ToString("N")[..6]}";
}
