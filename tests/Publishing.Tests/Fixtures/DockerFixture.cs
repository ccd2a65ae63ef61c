using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Publishing.Tests.Fixtures;

/// <summary>One engine client per test class, plus cleanup of every image the class built or tagged.</summary>
public class DockerFixture : IAsyncLifetime
{
    private readonly List<string> _images = [];

    public IDockerClient Docker { get; private set; } = null!;

    /// <summary>Builds a test image (distinct per variant) and removes it (with all its tags) at the end.</summary>
    public async Task<string> ImageAsync(string variant, bool server = false)
    {
        var id = await TestImages.BuildAsync(Docker, $"{TestLabels.Session}-{variant}", server);
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
