using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Publishing.Tests.Fixtures;

/// <summary>One engine client per test class, plus cleanup of every image the class built or tagged.</summary>
public class DockerFixture : IAsyncLifetime
{
    private readonly List<string> _images = [];

    public IDockerClient Docker { get; private set; } = null!;

    /// <summary>
    /// A small image FROM the Debian base, distinct per <paramref name="variant"/> (a label), removed with all its tags
    /// at the end. With <paramref name="server"/> it is a long-running process with a HEALTHCHECK that passes, like the
    /// app image; otherwise a one-shot command that prints a line.
    /// </summary>
    public async Task<string> ImageAsync(string variant, bool server = false)
    {
        var tag = await RecipeImages.BuildAsync("publishing", $$"""
            ARG BASE_IMAGE
            FROM ${BASE_IMAGE}
            LABEL com.creditrobot.test.variant="{{Session.Id}}-{{variant}}"
            """ + (server ? """

            HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD ["true"]
            CMD ["sleep", "infinity"]
            """ : """

            CMD ["echo", "hello from the published image"]
            """));
        var id = (await Docker.Images.InspectImageAsync(tag)).ID;
        lock (_images) _images.Add(id);
        return id;
    }

    /// <summary>The client pinned to the API version the engine reports (as the build connects).</summary>
    public virtual async Task InitializeAsync() => Docker = (await DockerEngine.ConnectAsync(DockerEngine.Create())).Client;

    public virtual async Task DisposeAsync()
    {
        foreach (var id in _images.Distinct())
        {
            try { await Docker.Images.DeleteImageAsync(id, new ImageDeleteParameters { Force = true }); }
            catch (DockerImageNotFoundException) { }
        }
        Docker.Dispose();
    }
}
