namespace TypedBuild;

/// <summary>Finds executables on PATH without starting them (used by <c>RequiresTool</c> and <see cref="Tool"/>).</summary>
public static class ToolLocator
{
    public static string? Find(string name, string? path = null)
    {
        if (name.Contains('/') || name.Contains('\\'))
            return File.Exists(name) ? Path.GetFullPath(name) : null;

        path ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate) && (OperatingSystem.IsWindows() || IsExecutable(candidate)))
                    return candidate;
            }
        }

        return null;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool IsExecutable(string file) =>
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
