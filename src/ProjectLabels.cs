/// <summary>
/// The label every container, network, volume and image of this project carries, so one filter finds them all
/// (<c>docker ps -a --filter label=com.creditrobot.project</c>). Linked into every project that labels what it
/// creates (src and tests), so the name is written once.
/// </summary>
internal static class ProjectLabels
{
    public const string Name = "com.creditrobot.project";
    public const string Value = "creditrobot";
}
