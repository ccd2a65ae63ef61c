namespace Containers;

/// <summary>
/// The label every container, network, volume and image of this project carries, so one filter finds them all
/// (<c>docker ps -a --filter label=com.creditrobot.project</c>).
/// </summary>
public static class ProjectLabels
{
    public const string Name = "com.creditrobot.project";
    public const string Value = "creditrobot";
}
