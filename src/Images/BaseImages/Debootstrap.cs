using TypedBuild;

namespace Images;

/// <summary>
/// A minimal Debian root filesystem as a tarball, made once by debootstrap and cached under .nuke/temp by the
/// hash of its inputs (suite, mirror, package list), so a deleted image is rebuilt without downloading again.
/// </summary>
internal static class Debootstrap
{
    /// <summary>Beyond minbase: TLS roots for apt/https and the libraries the .NET SDK loads.</summary>
    public static readonly string[] ExtraPackages = ["ca-certificates", "libssl3"];

    public static async Task<string> RootfsTarAsync(HostTools hostTools, string suite, string mirror, string cacheDirectory,
        IProgress<string>? log, CancellationToken ct)
    {
        var tar = Path.Combine(cacheDirectory, "rootfs.tar");
        if (File.Exists(tar))
        {
            log?.Report($"using cached Debian {suite} rootfs ({tar})");
            return tar;
        }
        if (!Environment.IsPrivilegedProcess)
            throw new ImagesException($"Bootstrapping the Debian {suite} base image needs root (debootstrap creates device " +
                                      "nodes and file owners). Run the build as root, or make the base images available " +
                                      "(docker load / a reachable registry).");
        var debootstrap = await hostTools.EnsureAsync(HostTool.Debootstrap, log, ct);
        var rootfs = Path.Combine(cacheDirectory, $"rootfs.partial-{Environment.ProcessId}");
        if (Directory.Exists(rootfs))
            Directory.Delete(rootfs, recursive: true);
        Directory.CreateDirectory(cacheDirectory);

        log?.Report($"debootstrap --variant=minbase {suite} from {mirror} (about 30 s)");
        await ProcessRunner.Silent.RunAsync(debootstrap,
            ["--variant=minbase", $"--include={string.Join(',', ExtraPackages)}", suite, rootfs, mirror], cancellationToken: ct);

        // Nothing of the host or of the download belongs in the image: package caches, lists, host name and resolver.
        foreach (var dir in new[] { "var/cache/apt/archives", "var/lib/apt/lists", "var/log" })
            EmptyDirectory(Path.Combine(rootfs, dir));
        foreach (var file in new[] { "etc/hostname", "etc/resolv.conf", "var/cache/apt/pkgcache.bin", "var/cache/apt/srcpkgcache.bin" })
            File.Delete(Path.Combine(rootfs, file));

        // The engine provides /dev, /proc and /sys at run time; only the empty directories go into the tarball.
        await TarTree.CreateFileAsync(rootfs, tar,
            p => p.StartsWith("dev/", StringComparison.Ordinal) || p.StartsWith("proc/", StringComparison.Ordinal) ||
                 p.StartsWith("sys/", StringComparison.Ordinal), ct);
        Directory.Delete(rootfs, recursive: true);
        return tar;
    }

    private static void EmptyDirectory(string dir)
    {
        if (!Directory.Exists(dir))
            return;
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo { LinkTarget: null } d)
                EmptyDirectory(d.FullName); // keeps e.g. lists/partial and archives/partial, which apt expects
            else
                entry.Delete();
        }
    }
}
