namespace TypedBuild;

/// <summary>
/// The one PATH look-up (used by <c>RequiresTool</c>, <see cref="ProcessRunner"/> and the host tools): an executable
/// file on PATH, then in the system directories where Debian puts administrator tools (dockerd, debootstrap), which
/// a non-login root shell's PATH may lack. A file without an executable bit is not a match.
/// </summary>
public static class ToolLocator
{
    private static readonly string[] SystemDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static string? Find(string name, string? path = null)
    {
        if (name.Contains('/') || name.Contains('\\'))
            return IsExecutableFile(name) ? Path.GetFullPath(name) : null;

        path ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        foreach (var directory in OperatingSystem.IsWindows() ? directories : directories.Concat(SystemDirectories))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (IsExecutableFile(candidate))
                    return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() ||
            (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
