/// <summary>
/// The label every container, network, volume and image of this project carries, so one filter finds them all
/// (<c>docker ps -a --filter label=com.creditrobot.project</c>). Linked into Images, Containers and Publishing:
/// Docker.DotNet knows nothing of this project.
/// </summary>
internal static class ProjectLabels
{
    public const string Name = "com.creditrobot.project";
    public const string Value = "creditrobot";
}
