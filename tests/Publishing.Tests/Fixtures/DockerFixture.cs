using DockerEngine;

namespace Publishing.Tests.Fixtures;

/// <summary>One engine client per test class, plus cleanup of every image the class built or tagged.</summary>
public class DockerFixture : IAsyncLifetime
{
    private readonly List<string> _images = [];

    public DockerClient Docker { get; } = new();

    /// <summary>Builds a busybox test image (distinct per variant) and removes it (with all its tags) at the end.</summary>
    public async Task<string> BusyboxAsync(string variant, bool server = false)
    {
        var id = await TestImages.BuildBusyboxAsync(Docker, $"{TestLabels.Session}-{variant}", server);
        lock (_images) _images.Add(id);
        return id;
    }

    public virtual Task InitializeAsync() => Docker.PingAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var id in _images.Distinct())
        {
            try { await Docker.Images.RemoveAsync(id, force: true); }
            catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound) { }
        }
        Docker.Dispose();
    }
}
