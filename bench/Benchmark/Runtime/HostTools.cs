namespace Benchmark.Runtime;

/// <summary>
/// The host tools the benchmark drives: wrk (Debian package wrk), nsenter (util-linux) and ss (iproute2). On a fresh
/// Debian machine running as root, missing ones are installed with apt-get (what the build does for the engine too);
/// elsewhere the error names the packages to install.
/// </summary>
public static class HostTools
{
    private static readonly (string Tool, string Package)[] Required = [("wrk", "wrk"), ("nsenter", "util-linux"), ("ss", "iproute2")];

    public static async Task EnsureAsync(TextWriter log, CancellationToken ct)
    {
        var missing = Required.Where(r => !OnPath(r.Tool)).ToArray();
        if (missing.Length == 0)
            return;
        var packages = missing.Select(m => m.Package).Distinct().ToArray();
        var hint = $"Missing {string.Join(", ", missing.Select(m => m.Tool))}: install with 'apt-get install -y {string.Join(' ', packages)}'.";
        if (Environment.UserName != "root" || !OnPath("apt-get"))
            throw new BenchmarkException(hint);

        log.WriteLine($"  installing {string.Join(' ', packages)} with apt-get (missing: {string.Join(", ", missing.Select(m => m.Tool))})");
        var install = await AptAsync(["install", "-y", "--no-install-recommends", .. packages], ct);
        if (install.ExitCode != 0)
        {
            // A fresh machine has no package lists yet.
            var update = await AptAsync(["update"], ct);
            install = update.ExitCode == 0 ? await AptAsync(["install", "-y", "--no-install-recommends", .. packages], ct) : update;
        }

        if (install.ExitCode != 0 || Required.Any(r => !OnPath(r.Tool)))
            throw new BenchmarkException($"{hint} apt-get failed ({install.ExitCode}):\n{install.Tail()}");
    }

    private static Task<ProcessOutcome> AptAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        Environment.SetEnvironmentVariable("DEBIAN_FRONTEND", "noninteractive");
        return ChildProcess.RunAsync("apt-get", arguments, TimeSpan.FromMinutes(5), ct);
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}
