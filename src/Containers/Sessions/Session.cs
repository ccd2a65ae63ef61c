using System.Globalization;

namespace Containers;

/// <summary>
/// This process (a test host, the build, the benchmark) as a session: the labels every container, network and volume
/// it creates carries, so that <see cref="SessionSweep"/> in a later process can tell whether their creator is gone
/// (e.g. <c>kill -9</c>ed).
/// </summary>
public static class Session
{
    public const string ProjectLabel = ProjectLabels.Name;
    public const string ProjectValue = ProjectLabels.Value;
    public const string SessionLabel = "com.creditrobot.session";
    public const string PidLabel = "com.creditrobot.session.pid";
    public const string HostLabel = "com.creditrobot.session.host";

    /// <summary>Start time of the session's process (clock ticks since boot): a reused pid has a different one.</summary>
    public const string StartLabel = "com.creditrobot.session.start";

    public static string Id { get; } = Guid.NewGuid().ToString("N");

    public static string Host { get; } = Environment.MachineName;

    /// <summary>The labels of a resource this process creates: the project label plus the session's.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [ProjectLabel] = ProjectValue,
        [SessionLabel] = Id,
        [PidLabel] = ProcessIdentity.Current.Pid.ToString(CultureInfo.InvariantCulture),
        [StartLabel] = ProcessIdentity.Current.StartTime,
        [HostLabel] = Host,
    };

    /// <summary>True when the labels name a session of this host whose process is gone.</summary>
    public static bool IsOrphaned(IDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(SessionLabel, out var session) || session == Id) return false;
        if (!labels.TryGetValue(HostLabel, out var host) || host != Host) return false; // another host's processes cannot be checked
        if (!labels.TryGetValue(PidLabel, out var pidText) ||
            !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        var alive = labels.TryGetValue(StartLabel, out var start)
            ? new ProcessIdentity(pid, start).IsAlive()
            : ProcessIdentity.Of(pid) is not null;
        return !alive;
    }
}
