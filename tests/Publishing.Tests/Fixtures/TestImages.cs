using System.Diagnostics;
using System.Text.RegularExpressions;
using DockerEngine;

namespace Publishing.Tests.Fixtures;

/// <summary>
/// The images the tests need, built locally (no registry is reachable here) and kept as a cache between runs:
/// a debootstrapped Debian base, the registry from images/registry/ on it, and tiny busybox images to push.
/// </summary>
internal static class TestImages
{
    public const string DebianBase = "creditrobot-publishing-test/debian:bookworm";
    public const string Registry = "creditrobot-publishing-test/registry:local";
    private const string BootstrappedDebian = "creditrobot/bootstrap-debian:bookworm";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The registry image: $PUBLISHING_TEST_REGISTRY_IMAGE if set, else images/registry/ built on a Debian base.</summary>
    public static async Task<string> EnsureRegistryAsync(DockerClient docker, CancellationToken ct = default)
    {
        if (Environment.GetEnvironmentVariable("PUBLISHING_TEST_REGISTRY_IMAGE") is { Length: > 0 } given) return given;
        await Gate.WaitAsync(ct);
        try
        {
            if (await docker.Images.ExistsAsync(Registry, ct)) return Registry;
            var baseImage = await EnsureDebianBaseAsync(docker, ct);
            await docker.Images.BuildAsync(BuildContext.FromDirectory(Path.Combine(RepositoryRoot.Path, "images", "registry")),
                new BuildImageRequest { Tags = [Registry], BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = baseImage }, Labels = TestLabels.Project },
                ct: ct);
            return Registry;
        }
        finally { Gate.Release(); }
    }

    /// <summary>
    /// A busybox image FROM scratch (one static binary); <paramref name="variant"/> lands in a label, so
    /// different variants are different image ids with the same layer.
    /// </summary>
    public static async Task<string> BuildBusyboxAsync(DockerClient docker, string variant, CancellationToken ct = default) =>
        await BuildBusyboxAsync(docker, variant, server: false, ct);

    /// <summary>
    /// As above; with <paramref name="server"/> the image is a long-running process (busybox httpd) with a
    /// HEALTHCHECK that passes, like the app image.
    /// </summary>
    public static async Task<string> BuildBusyboxAsync(DockerClient docker, string variant, bool server, CancellationToken ct = default)
    {
        const string busybox = "/bin/busybox";
        if (!File.Exists(busybox))
            throw new InvalidOperationException($"{busybox} is missing: apt-get install -y busybox-static (a static busybox makes the pushable test image).");
        var context = BuildContext.FromFiles([
            ContextFile.Text("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                ARG VARIANT
                LABEL com.creditrobot.test.variant=$VARIANT
                ENTRYPOINT ["/bin/busybox"]
                CMD ["echo", "hello from the published image"]
                """ + (server ? """

                HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD ["/bin/busybox", "true"]
                CMD ["httpd", "-f", "-p", "8080"]
                """ : "")),
            ContextFile.FromDisk("busybox", busybox),
        ]);
        var result = await docker.Images.BuildAsync(context,
            new BuildImageRequest { BuildArgs = new Dictionary<string, string> { ["VARIANT"] = variant }, Labels = TestLabels.Project }, ct: ct);
        return result.ImageId;
    }

    private static async Task<string> EnsureDebianBaseAsync(DockerClient docker, CancellationToken ct)
    {
        if (await docker.Images.ExistsAsync(DebianBase, ct)) return DebianBase;
        // The BaseImages step's own Debian base, when an earlier build made it: saves a debootstrap.
        if (await docker.Images.ExistsAsync(BootstrappedDebian, ct))
        {
            await docker.Images.TagAsync(BootstrappedDebian, DebianBase, ct);
            return DebianBase;
        }
        var work = Directory.CreateTempSubdirectory("publishing-debian-");
        try
        {
            var rootfs = Path.Combine(work.FullName, "rootfs");
            await RunAsync("debootstrap", ["--variant=minbase", "bookworm", rootfs, HostMirror()], ct);
            await RunAsync("tar", ["-C", rootfs, "-cf", Path.Combine(work.FullName, "rootfs.tar"), "."], ct);
            Directory.Delete(rootfs, recursive: true);
            File.Copy(Path.Combine(RepositoryRoot.Path, "images", "debian", "Dockerfile"), Path.Combine(work.FullName, "Dockerfile"));
            await docker.Images.BuildAsync(BuildContext.FromDirectory(work.FullName),
                new BuildImageRequest { Tags = [DebianBase], Labels = TestLabels.Project }, ct: ct);
            return DebianBase;
        }
        finally { work.Delete(recursive: true); }
    }

    /// <summary>The host's mirror for the bookworm suite (deb822 .sources or one-line sources.list); never a hard-coded host.</summary>
    private static string HostMirror()
    {
        var files = Directory.Exists("/etc/apt/sources.list.d") ? Directory.GetFiles("/etc/apt/sources.list.d").Where(f => f.EndsWith(".list") || f.EndsWith(".sources")).Order() : Enumerable.Empty<string>();
        foreach (var file in files.Prepend("/etc/apt/sources.list").Where(File.Exists))
        {
            var text = File.ReadAllText(file);
            foreach (var stanza in Regex.Split(text, @"\n\s*\n"))
            {
                var suites = Regex.Match(stanza, @"(?mi)^Suites:\s*(.+)$");
                var uris = Regex.Match(stanza, @"(?mi)^URIs:\s*(\S+)");
                if (suites.Success && uris.Success && suites.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("bookworm"))
                    return uris.Groups[1].Value;
            }
            var line = Regex.Match(text, @"(?m)^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s");
            if (line.Success) return line.Groups[1].Value;
        }
        throw new InvalidOperationException("No Debian mirror for 'bookworm' found in /etc/apt/sources.list(.d); debootstrap needs one.");
    }

    private static async Task RunAsync(string file, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var error = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed (exit {p.ExitCode}):\n{await output}\n{await error}");
    }
}
