namespace Publishing.Tests.Fixtures;

/// <summary>Labels on everything the tests create: the project label plus this run's session, for cleanup.</summary>
internal static class TestLabels
{
    public static string Session { get; } = $"publishing-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];

    public static IReadOnlyDictionary<string, string> Project { get; } = new Dictionary<string, string> { ["com.creditrobot.project"] = "creditrobot" };

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["com.creditrobot.project"] = "creditrobot",
        ["com.creditrobot.session"] = Session,
    };
}
