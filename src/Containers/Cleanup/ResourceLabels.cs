namespace Containers.Cleanup;

/// <summary>
/// The labels every container, network and volume created through this library carries.
/// The session labels let a later process decide whether the creator is still alive (see <see cref="ResourceReaper"/>).
/// </summary>
public static class ResourceLabels
{
    public const string Project = ProjectLabels.Name;
    public const string ProjectValue = ProjectLabels.Value;
    public const string Session = "com.creditrobot.session";
    public const string SessionPid = "com.creditrobot.session.pid";
    public const string SessionHost = "com.creditrobot.session.host";

    /// <summary>Start time of the session's process (clock ticks since boot): a reused pid has a different one.</summary>
    public const string SessionStart = "com.creditrobot.session.start";

    /// <summary>Engine filter that selects everything of the project.</summary>
    public static string ProjectFilter => $"{Project}={ProjectValue}";
}
