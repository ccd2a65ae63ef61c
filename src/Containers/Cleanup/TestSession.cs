namespace Containers.Cleanup;

/// <summary>
/// This process's session: one id per process, stamped on every resource it creates together with the
/// process identity and host, so that <see cref="ResourceReaper"/> in a later process can remove what a
/// crashed (e.g. <c>kill -9</c>ed) process left behind.
/// </summary>
public static class TestSession
{
    public static string Id { get; } = Guid.NewGuid().ToString("N");

    public static string Host { get; } = Environment.MachineName;

    /// <summary>The labels for a new resource: the project label plus this session's labels.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [ResourceLabels.Project] = ResourceLabels.ProjectValue,
        [ResourceLabels.Session] = Id,
        [ResourceLabels.SessionPid] = ProcessIdentity.Current.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ResourceLabels.SessionStart] = ProcessIdentity.Current.StartTime,
        [ResourceLabels.SessionHost] = Host,
    };
}
