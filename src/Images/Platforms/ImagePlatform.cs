using Containers;
using System.Runtime.InteropServices;

namespace Images.Platforms;

/// <summary>
/// An OS/architecture pair an image is built for, in the OCI spelling (<c>linux/amd64</c>, <c>linux/arm64</c>), with
/// the names each tool uses for it: the .NET runtime identifier, the Debian architecture, the ELF machine of its binaries.
/// </summary>
public sealed record ImagePlatform
{
    public static readonly ImagePlatform LinuxAmd64 = new("amd64", "linux-x64", ElfMachine: 62, "x86_64");
    public static readonly ImagePlatform LinuxArm64 = new("arm64", "linux-arm64", ElfMachine: 183, "aarch64");

    /// <summary>Every platform the Dockerfile can build (its TARGETARCH values).</summary>
    public static IReadOnlyList<ImagePlatform> Supported { get; } = [LinuxAmd64, LinuxArm64];

    private ImagePlatform(string architecture, string runtimeIdentifier, ushort ElfMachine, string unameMachine)
    {
        Architecture = architecture;
        RuntimeIdentifier = runtimeIdentifier;
        this.ElfMachine = ElfMachine;
        UnameMachine = unameMachine;
    }

    public string Os => "linux";
    /// <summary>The OCI/Go architecture name, also Debian's and the Dockerfile's TARGETARCH.</summary>
    public string Architecture { get; }
    /// <summary>The .NET runtime identifier the app is published for.</summary>
    public string RuntimeIdentifier { get; }
    /// <summary>e_machine of the ELF header (EM_X86_64 = 62, EM_AARCH64 = 183).</summary>
    public ushort ElfMachine { get; }
    /// <summary>What <c>uname -m</c> prints on it (and binfmt_misc/qemu call it).</summary>
    public string UnameMachine { get; }

    /// <summary>The platform of the machine the build runs on; null when it is none of <see cref="Supported"/>.</summary>
    public static ImagePlatform? Host => OperatingSystem.IsLinux()
        ? RuntimeInformation.OSArchitecture switch { System.Runtime.InteropServices.Architecture.X64 => LinuxAmd64, System.Runtime.InteropServices.Architecture.Arm64 => LinuxArm64, _ => null }
        : null;

    public bool IsHost => Host == this;

    public override string ToString() => $"{Os}/{Architecture}";

    /// <summary>
    /// A comma-separated list such as <c>linux/amd64,linux/arm64</c> (blanks ignored, duplicates folded, order kept);
    /// the error names <paramref name="parameter"/>, the bad entry and what would be right.
    /// </summary>
    public static (IReadOnlyList<ImagePlatform> Platforms, string? Error) ParseList(string text, string parameter)
    {
        var platforms = new List<ImagePlatform>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var platform = Supported.FirstOrDefault(p => string.Equals(p.ToString(), raw, StringComparison.OrdinalIgnoreCase));
            if (platform is null)
                return ([], $"{parameter}: '{raw}' is not a platform this build makes; expected a comma-separated list of " +
                            string.Join(", ", Supported) + " (e.g. linux/amd64,linux/arm64)");
            if (!platforms.Contains(platform))
                platforms.Add(platform);
        }
        return platforms.Count == 0
            ? ([], $"{parameter}: empty; expected one or more of {string.Join(", ", Supported)}, comma-separated")
            : (platforms, null);
    }
}
