using Containers;
using TypedBuild;

namespace Images.Platforms;

/// <summary>
/// Lets the engine run images of another architecture: Debian's qemu-user-static registered with the kernel's
/// binfmt_misc with the F flag (the kernel opens the interpreter when it is registered, so it works inside containers
/// whose file system has no qemu). Installed and registered like the engine itself (<see cref="HostTools"/>).
/// For proving an image starts only: emulated timings are no benchmark figures.
/// </summary>
public static class Emulation
{
    private const string BinfmtDirectory = "/proc/sys/fs/binfmt_misc";

    /// <summary>How <paramref name="platform"/>'s binaries run here: "native", or the registered qemu entry.</summary>
    public static async Task<string> EnsureAsync(ImagePlatform platform, HostTools tools, IProgress<string>? log = null, CancellationToken ct = default)
    {
        if (platform.IsHost)
            return "native";
        var entry = Path.Combine(BinfmtDirectory, $"qemu-{platform.UnameMachine}");
        if (Registration(entry) is { } ready)
            return ready;

        if (!File.Exists(Path.Combine(BinfmtDirectory, "register")))
        {
            log?.Report($"Mounting binfmt_misc on {BinfmtDirectory} (for {platform} under emulation)");
            await ProcessRunner.Silent.RunAsync("mount", ["-t", "binfmt_misc", "binfmt_misc", BinfmtDirectory], cancellationToken: ct);
        }
        var updateBinfmts = await tools.EnsureAsync(HostTool.UpdateBinfmts, log, ct);
        await tools.EnsureAsync(QemuFor(platform), log, ct);
        // qemu-user-static's own install imports its format into binfmt-support's database only on some systems (not
        // where PID 1 is no systemd): import it from /usr/share/binfmts, then enable it (both are no-ops when done).
        await ProcessRunner.Silent.RunAsync(updateBinfmts, ["--import", $"qemu-{platform.UnameMachine}"], cancellationToken: ct);
        await ProcessRunner.Silent.RunAsync(updateBinfmts, ["--enable", $"qemu-{platform.UnameMachine}"], cancellationToken: ct);
        return Registration(entry) ?? throw new ImagesException(
            $"qemu-{platform.UnameMachine} is installed but {entry} is not an enabled registration with the F flag, so the " +
            $"engine cannot run {platform} images. Check `update-binfmts --display qemu-{platform.UnameMachine}`.");
    }

    /// <summary>The qemu-user-static program that runs <paramref name="platform"/>'s binaries.</summary>
    public static HostTool QemuFor(ImagePlatform platform) => platform == ImagePlatform.LinuxArm64
        ? HostTool.QemuAarch64
        : new HostTool($"qemu-{platform.UnameMachine}-static", "qemu-user-static", $"running {platform} images under emulation");

    /// <summary>"qemu-aarch64 (flags PF)" when the entry is enabled with the F flag; else null.</summary>
    internal static string? Registration(string entry)
    {
        if (!File.Exists(entry))
            return null;
        var lines = File.ReadAllLines(entry);
        var flags = lines.FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal))?["flags:".Length..].Trim() ?? "";
        return lines.FirstOrDefault() == "enabled" && flags.Contains('F')
            ? $"{Path.GetFileName(entry)} (binfmt_misc, flags {flags})"
            : null;
    }
}
