using System.Security.Cryptography;
using System.Text;
using DockerEngine;

namespace Containers.Tests.Infrastructure;

/// <summary>
/// A tiny runnable image for the tests: <c>FROM scratch</c> + Debian's static busybox (sh, httpd, wget, sleep…).
/// Nothing can be pulled here, so it is built locally through the Engine client, tagged with a hash of its
/// inputs: reruns find it and skip the build.
/// </summary>
public static class TestImages
{
    public const string BusyboxPath = "/bin/busybox";

    private const string Dockerfile =
        """
        FROM scratch
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        RUN ["/bin/sh", "-c", "mkdir -p -m 1777 /tmp && mkdir -p /www && echo ok > /www/healthz"]
        ENV PATH=/bin
        LABEL com.creditrobot.project=creditrobot com.creditrobot.purpose=containers-tests
        CMD ["sh"]
        """;

    private static readonly Lazy<Task<string>> Busybox = new(BuildBusyboxAsync);

    /// <summary>The image tag; builds the image on first use in the process if the engine lacks it.</summary>
    public static Task<string> BusyboxAsync() => Busybox.Value;

    private static async Task<string> BuildBusyboxAsync()
    {
        if (!File.Exists(BusyboxPath) || !IsStatic(BusyboxPath))
            throw new InvalidOperationException(
                $"The test image needs a static busybox at {BusyboxPath}: run `apt-get install -y busybox-static`.");
        var binary = await File.ReadAllBytesAsync(BusyboxPath);
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. binary, .. Encoding.UTF8.GetBytes(Dockerfile)]))[..16];
        var tag = $"creditrobot-test/busybox:{hash}";

        using var docker = new DockerClient();
        if (await docker.Images.ExistsAsync(tag)) return tag;
        var context = BuildContext.FromFiles([ContextFile.Text("Dockerfile", Dockerfile), new ContextFile("busybox", binary, ContextFile.Executable)]);
        await docker.Images.BuildAsync(context, new BuildImageRequest { Tags = [tag] });
        return tag;
    }

    private static bool IsStatic(string path)
    {
        // A dynamically linked ELF names its loader (PT_INTERP) near the start of the file.
        var head = new byte[4096];
        using var file = File.OpenRead(path);
        var read = file.Read(head);
        return !Encoding.ASCII.GetString(head, 0, read).Contains("ld-linux", StringComparison.Ordinal);
    }
}
