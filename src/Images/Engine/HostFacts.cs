using TypedBuild;

namespace Images;

/// <summary>
/// What the provisioning decision depends on, gathered once. Tests construct it directly to cover hosts that are
/// not this one (non-root, non-Debian) without touching the running engine.
/// </summary>
public sealed record HostFacts
{
    public required bool IsLinux { get; init; }
    public required bool IsRoot { get; init; }
    /// <summary><c>ID</c> from /etc/os-release, e.g. "debian", "ubuntu"; null if unknown.</summary>
    public string? OsId { get; init; }
    /// <summary><c>ID_LIKE</c> from /etc/os-release, e.g. "debian"; null if absent.</summary>
    public string? OsIdLike { get; init; }
    public string? AptGetPath { get; init; }
    public string? DockerdPath { get; init; }

    public bool IsDebianLike =>
        OsId is "debian" or "ubuntu" ||
        (OsIdLike?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("debian") ?? false);

    public static HostFacts Detect()
    {
        var osRelease = ReadOsRelease("/etc/os-release");
        return new HostFacts
        {
            IsLinux = OperatingSystem.IsLinux(),
            IsRoot = Environment.IsPrivilegedProcess,
            OsId = osRelease.GetValueOrDefault("ID"),
            OsIdLike = osRelease.GetValueOrDefault("ID_LIKE"),
            AptGetPath = ToolLocator.Find("apt-get"),
            DockerdPath = ToolLocator.Find("dockerd"),
        };
    }

    /// <summary>Parses os-release's KEY=value lines (values optionally quoted).</summary>
    internal static Dictionary<string, string> ReadOsRelease(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return values;
        foreach (var line in File.ReadLines(path))
        {
            var eq = line.IndexOf('=');
            if (eq <= 0 || line.StartsWith('#'))
                continue;
            values[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"', '\'');
        }
        return values;
    }

}
