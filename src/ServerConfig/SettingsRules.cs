namespace ServerConfig;

/// <summary>Rules between settings, checked once every source was applied (each value alone may be fine): the app
/// at start-up, and anyone who writes settings for it (the build) with the same rules.</summary>
public static class SettingsRules
{
    /// <summary>Each broken rule: the keys involved and what is wrong (ending in "(expected …)").</summary>
    public static IEnumerable<(IReadOnlyList<string> Keys, string Problem)> Check(ServerSettings settings)
    {
        if (settings.Bind is { Host: "localhost", Port: 0 })
            yield return (["bind"], "bind: localhost:0: port 0 needs an IP address, Kestrel cannot pick a free port " +
                                    "for localhost (expected e.g. 127.0.0.1:0, or a port other than 0)");
        ThreadPool.GetMaxThreads(out var maxThreads, out _);
        if (settings.RequestSlots > maxThreads)
            yield return (["workers", "threads"], $"workers x threads = {settings.Workers} x {settings.Threads} = " +
                                                  $"{settings.RequestSlots} is more than the thread pool accepts (expected at most {maxThreads}, ThreadPool.GetMaxThreads)");
    }
}
