using System.Text.RegularExpressions;

namespace Publishing.Versioning;

/// <summary>A release tag <c>vX.Y.Z</c> (optionally <c>vX.Y.Z-rc.1</c>): the only tags that set a version.</summary>
public sealed partial record ReleaseTag(int Major, int Minor, int Patch, string? PreRelease)
{
    public string Version => PreRelease is null ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{PreRelease}";

    public static ReleaseTag? TryParse(string tag)
    {
        var match = Pattern().Match(tag);
        if (!match.Success) return null;
        return new ReleaseTag(
            int.Parse(match.Groups["major"].Value),
            int.Parse(match.Groups["minor"].Value),
            int.Parse(match.Groups["patch"].Value),
            match.Groups["pre"].Success ? match.Groups["pre"].Value : null);
    }

    // SemVer 2.0 numbers (no leading zeros) and a pre-release made of Docker-tag-safe characters.
    [GeneratedRegex(@"^v(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)(?:-(?<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$")]
    private static partial Regex Pattern();
}
