namespace Images.Assembly;

/// <summary>
/// The platform an image is for, as OCI writes it (<c>os/architecture[/variant]</c>, e.g. <c>linux/amd64</c>,
/// <c>linux/arm64</c>). The assembled image's config takes its <c>os</c>, <c>architecture</c> and <c>variant</c> from
/// here, never from the engine that built it (engine 20.10 says amd64 for whatever it builds).
/// </summary>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant = null)
{
    public static readonly ImagePlatform LinuxAmd64 = new("linux", "amd64");
    public static readonly ImagePlatform LinuxArm64 = new("linux", "arm64");

    /// <summary>Parses <c>os/architecture[/variant]</c>; null with <paramref name="error"/> set when it is not that.</summary>
    public static ImagePlatform? TryParse(string text, out string? error)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || p.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))))
        {
            error = $"'{text}' is not a platform: expected os/architecture[/variant] in lower case, e.g. linux/amd64 or linux/arm64";
            return null;
        }
        error = null;
        return new ImagePlatform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>The Debian architecture name (what dpkg and <c>pkg:deb</c> purls say): amd64, arm64, armhf, i386…</summary>
    public string DebianArchitecture => (Architecture, Variant) switch
    {
        ("arm", "v7") => "armhf",
        ("arm", _) => "armel",
        ("386", _) => "i386",
        _ => Architecture,
    };

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
