using Containers;
using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Images.Platforms;

/// <summary>What an image says it runs on (its config) and what its entrypoint binary is built for (its ELF header).</summary>
public sealed record PlatformCheckResult(ImagePlatform Expected, string ConfigPlatform, string Binary, ElfHeader? Header)
{
    public bool Passed => ConfigPlatform == Expected.ToString() && Header?.Platform == Expected;

    public override string ToString() =>
        $"{Expected}: config {ConfigPlatform}, {Binary} {Header?.ToString() ?? "is not an ELF binary"}";
}

/// <summary>
/// Checks that an image is what its platform says, without running it (no emulation needed): the config's os and
/// architecture, and the ELF header of the entrypoint's binary, read from a created (never started) container.
/// </summary>
public static class PlatformCheck
{
    public static async Task<PlatformCheckResult> RunAsync(IDockerClient docker, ImageInspectResponse image, ImagePlatform expected,
        CancellationToken ct = default)
    {
        var binary = image.Config?.Entrypoint?.FirstOrDefault() ?? image.Config?.Cmd?.FirstOrDefault()
            ?? throw new ImagesException($"{DockerImages.ShortId(image.ID)} has no entrypoint or command whose binary could be checked.");
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image.ID,
            Labels = new Dictionary<string, string> { [ProjectLabels.Name] = ProjectLabels.Value },
        }, ct);
        try
        {
            var archive = await docker.Containers.GetArchiveFromContainerAsync(created.ID,
                new ContainerPathStatParameters { Path = binary }, statOnly: false, ct);
            await using var stream = archive.Stream ?? Stream.Null;
            var header = await ReadHeaderAsync(stream, ct);
            return new PlatformCheckResult(expected, $"{image.Os}/{image.Architecture}", binary, header);
        }
        catch (DockerContainerNotFoundException e)
        {
            throw new ImagesException($"{DockerImages.ShortId(image.ID)}: its entrypoint {binary} is not in the image.", e);
        }
        finally
        {
            await docker.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    /// <summary>Throws with both facts when the image is not <paramref name="expected"/>'s.</summary>
    public static async Task<PlatformCheckResult> EnforceAsync(IDockerClient docker, ImageInspectResponse image, ImagePlatform expected,
        CancellationToken ct = default)
    {
        var result = await RunAsync(docker, image, expected, ct);
        return result.Passed ? result
            : throw new ImagesException($"{DockerImages.ShortId(image.ID)} was built for {expected} but is not: {result}. " +
                                        "Check the runtime base image's platform and the Dockerfile's TARGETARCH.");
    }

    private static async Task<ElfHeader?> ReadHeaderAsync(Stream tarStream, CancellationToken ct)
    {
        var reader = new TarReader(tarStream);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                continue;
            var buffer = new byte[ElfHeader.Length];
            var read = await entry.DataStream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            return ElfHeader.TryRead(buffer.AsSpan(0, read));
        }
        return null;
    }
}
