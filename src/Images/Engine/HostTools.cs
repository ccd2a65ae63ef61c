using TypedBuild;

namespace Images;

/// <summary>A program the pipeline runs on the host, why, and the Debian package that brings it.</summary>
public sealed record HostTool(string Command, string Package, string NeededFor)
{
    public static readonly HostTool Dockerd = new("dockerd", "docker.io", "the Docker engine");
    public static readonly HostTool Debootstrap = new("debootstrap", "debootstrap",
        "bootstrapping the Debian base image when no base image can be pulled");

    /// <summary>Every host tool the pipeline may need; nothing else in the code installs packages.</summary>
    public static IReadOnlyList<HostTool> All { get; } = [Dockerd, Debootstrap];
}

/// <summary>
/// The one place that installs host tools: finds a tool, or installs its Debian package with apt-get when the build
/// runs as root on Debian/Ubuntu (at most one <c>apt-get update</c> per run), or fails with the command a person
/// should run. The caller owns one per run (the build: one for all its targets) and asks it what it installed
/// (<see cref="Installed"/>, for the build summary).
/// </summary>
public sealed class HostTools(HostFacts? host = null)
{
    private readonly List<string> installed = [];
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool updated;

    /// <summary>The facts the decisions rest on; null in the constructor: this host's.</summary>
    public HostFacts Host { get; } = host ?? HostFacts.Detect();

    /// <summary>Packages installed by this run, in order.</summary>
    public IReadOnlyList<string> Installed => installed;

    /// <summary>The tool's path; installs its package first when it is missing and may be installed.</summary>
    public async Task<string> EnsureAsync(HostTool tool, IProgress<string>? log = null, CancellationToken ct = default)
    {
        if (ToolLocator.Find(tool.Command) is { } present)
            return present;
        var refusal = WhyNotInstallable(tool, Host);
        if (refusal is not null)
            throw new ImagesException(refusal);

        await gate.WaitAsync(ct);
        try
        {
            if (ToolLocator.Find(tool.Command) is { } raced)
                return raced;
            log?.Report($"{tool.Command} is missing ({tool.NeededFor}): installing Debian's {tool.Package} with apt-get");
            await InstallAsync(tool.Package, log, ct);
            installed.Add(tool.Package);
            return ToolLocator.Find(tool.Command) ?? throw new ImagesException(
                $"apt-get installed {tool.Package} but no {tool.Command} is on PATH or in /usr/sbin, /usr/bin; " +
                $"check `dpkg -L {tool.Package} | grep {tool.Command}`.");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Null when the build may install the tool itself; otherwise what a person should do.</summary>
    public static string? WhyNotInstallable(HostTool tool, HostFacts host)
    {
        var missing = $"{tool.Command} is needed for {tool.NeededFor} but is not installed.";
        if (host.IsDebianLike && host.AptGetPath is not null)
            return host.IsRoot ? null : $"{missing} Install it with `sudo apt-get install -y {tool.Package}`, or run the build as root so it can do that itself.";
        return $"{missing} This host ({host.OsId ?? "unknown OS"}) is not Debian/Ubuntu, so the build cannot install it: " +
               $"install {tool.Command} (Debian's package {tool.Package}) and run the build again.";
    }

    private async Task InstallAsync(string package, IProgress<string>? log, CancellationToken ct)
    {
        string[] install = ["install", "-y", "-q", "--no-install-recommends", package];
        // A fresh machine often has no package lists; with lists present, update only if the install fails.
        if (!HasPackageLists())
            await UpdateAsync(log, ct);
        try
        {
            await AptGetAsync(install, log, ct);
        }
        catch (ToolFailedException) when (!updated)
        {
            await UpdateAsync(log, ct);
            await AptGetAsync(install, log, ct);
        }
    }

    private async Task UpdateAsync(IProgress<string>? log, CancellationToken ct)
    {
        await AptGetAsync(["update", "-q"], log, ct);
        updated = true;
    }

    private Task AptGetAsync(string[] arguments, IProgress<string>? log, CancellationToken ct) =>
        ProcessRunner.Silent.RunAsync(Host.AptGetPath!, arguments, new ToolOptions
        {
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
            OnOutput = line => { if (IsProgress(line)) log?.Report($"  apt-get: {line.Trim()}"); },
        }, ct);

    /// <summary>The lines that show progress without the noise: downloads, set-up steps, errors.</summary>
    internal static bool IsProgress(string line) =>
        line.StartsWith("Need to get", StringComparison.Ordinal) || line.StartsWith("Setting up", StringComparison.Ordinal) ||
        line.StartsWith("Hit:", StringComparison.Ordinal) || line.StartsWith("Get:", StringComparison.Ordinal) ||
        line.StartsWith("E:", StringComparison.Ordinal) || line.StartsWith("W:", StringComparison.Ordinal);

    private static bool HasPackageLists() =>
        Directory.Exists("/var/lib/apt/lists") &&
        Directory.EnumerateFiles("/var/lib/apt/lists", "*_Packages*").Any();
}
