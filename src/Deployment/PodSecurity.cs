using k8s.Models;

namespace Deployment;

/// <summary>
/// The image's own constraints (uid/gid 1654, nothing written outside /tmp), declared so the cluster enforces them and
/// the pod passes the "restricted" Pod Security Standard. Each line closes a door an attacker in the process would use.
/// </summary>
internal static class PodSecurity
{
    /// <summary>The <c>app</c> user of the runtime image (Dockerfile <c>USER 1654</c>).</summary>
    public const long AppUser = 1654;

    public static V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,           // the kubelet refuses to start the container as root, whatever the image says
        RunAsUser = AppUser,
        RunAsGroup = AppUser,
        FsGroup = AppUser,             // the /tmp emptyDir is writable by the app's group
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" }, // the runtime's syscall filter
    };

    public static V1SecurityContext Container() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = AppUser,
        RunAsGroup = AppUser,
        ReadOnlyRootFilesystem = true,    // no dropped binaries, no edited app files
        AllowPrivilegeEscalation = false, // no-new-privileges: setuid binaries cannot raise privileges
        Privileged = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] }, // an unprivileged port needs none
    };
}
