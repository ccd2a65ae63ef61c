using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;
using Images;
using Images.Build;

namespace Publishing.Tests.Fixtures;

/// <summary>
/// The images the tests need, made from what the engine already has (no registry is reachable here, and no host
/// package is needed): the registry image from the BaseImages step, and small pushable images FROM its Debian base.
/// </summary>
internal static class TestImages
{
    /// <summary>The Debian base the BaseImages step bootstraps (images/debian/); every test image starts FROM it.</summary>
    public const string DebianBase = "creditrobot/bootstrap-debian:bookworm";
    private const string BootstrappedRegistry = "creditrobot/bootstrap-registry:bookworm";

    /// <summary>The registry image: $PUBLISHING_TEST_REGISTRY_IMAGE (what the build resolved), else the bootstrapped one.</summary>
    public static async Task<string> EnsureRegistryAsync(IDockerClient docker, CancellationToken ct = default)
    {
        var image = Environment.GetEnvironmentVariable("PUBLISHING_TEST_REGISTRY_IMAGE") is { Length: > 0 } given ? given : BootstrappedRegistry;
        return await docker.TryInspectImageAsync(image, ct) is not null ? image
            : throw new InvalidOperationException($"The registry image {image} is not in the engine: run `./build.sh BaseImages` " +
                                                  "(it bootstraps it), or set PUBLISHING_TEST_REGISTRY_IMAGE to a registry image that is.");
    }

    /// <summary>
    /// A small image FROM the Debian base; <paramref name="variant"/> lands in a label, so different variants are
    /// different image ids sharing one base layer. With <paramref name="server"/> it is a long-running process with
    /// a HEALTHCHECK that passes, like the app image; otherwise a one-shot command that prints a line.
    /// </summary>
    public static async Task<string> BuildAsync(IDockerClient docker, string variant, bool server, CancellationToken ct = default)
    {
        if (await docker.TryInspectImageAsync(DebianBase, ct) is null)
            throw new InvalidOperationException($"{DebianBase} is not in the engine: run `./build.sh BaseImages` first (it bootstraps it).");
        var context = Directory.CreateTempSubdirectory("publishing-image-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), $"""
                FROM {DebianBase}
                ARG VARIANT
                LABEL com.creditrobot.test.variant=$VARIANT
                """ + (server ? """

                HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD ["true"]
                CMD ["sleep", "infinity"]
                """ : """

                CMD ["echo", "hello from the published image"]
                """), ct);
            var result = await ImageBuild.RunAsync(docker, BuildContext.FromDirectory(context.FullName), new ImageBuildParameters
            {
                BuildArgs = new Dictionary<string, string> { ["VARIANT"] = variant },
                Labels = TestLabels.Project.ToDictionary(),
            }, null, ct);
            return result.ImageId;
        }
        finally { context.Delete(recursive: true); }
    }
}
