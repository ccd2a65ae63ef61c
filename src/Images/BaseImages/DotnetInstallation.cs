using TypedBuild;

namespace Images;

/// <summary>The host's .NET installation that the bootstrapped SDK image copies.</summary>
public sealed record DotnetInstallation(string Root, string SdkVersion, IReadOnlyList<string> Runtimes)
{
    /// <summary>
    /// DOTNET_ROOT, else the directory of the resolved <c>dotnet</c> on PATH; the SDK version is the highest
    /// under sdk/ (what an unpinned <c>dotnet</c> in the image picks).
    /// </summary>
    public static DotnetInstallation Detect(string? root = null)
    {
        root ??= Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } env ? env : FromPath();
        var sdkDir = Path.Combine(root ?? "", "sdk");
        if (root is null || !Directory.Exists(sdkDir))
            throw new ImagesException($"No .NET SDK found (looked at {(root is null ? "DOTNET_ROOT and PATH" : sdkDir)}). " +
                                      "Install the .NET SDK or set DOTNET_ROOT to its directory.");
        var sdks = Directory.EnumerateDirectories(sdkDir)
            .Where(d => File.Exists(Path.Combine(d, "dotnet.dll")))
            .Select(Path.GetFileName).OfType<string>()
            .OrderBy(v => Version.TryParse(v.Split('-')[0], out var parsed) ? parsed : new Version(0, 0))
            .ToList();
        if (sdks.Count == 0)
            throw new ImagesException($"{sdkDir} holds no SDK (no sdk/<version>/dotnet.dll). Reinstall the .NET SDK.");
        var shared = Path.Combine(root, "shared");
        var runtimes = Directory.Exists(shared)
            ? Directory.EnumerateDirectories(shared).SelectMany(f => Directory.EnumerateDirectories(f)
                .Select(v => $"{Path.GetFileName(f)}/{Path.GetFileName(v)}")).Order(StringComparer.Ordinal).ToList()
            : [];
        return new DotnetInstallation(Path.GetFullPath(root), sdks[^1], runtimes);
    }

    private static string? FromPath()
    {
        var dotnet = ToolLocator.Find("dotnet");
        if (dotnet is null)
            return null;
        var target = new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet;
        return Path.GetDirectoryName(target);
    }
}
