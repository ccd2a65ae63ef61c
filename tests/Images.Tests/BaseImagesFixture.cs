using Docker.DotNet;

namespace Images.Tests;

/// <summary>
/// Makes the base images available once per test run. The first run on a machine bootstraps them (minutes);
/// afterwards their inputs-hash labels match and this takes well under a second per image.
/// </summary>
public sealed class BaseImagesFixture : IAsyncLifetime
{
    public IDockerClient Docker { get; private set; } = null!;
    public BaseImageSet Images { get; private set; } = null!;
    public string FirstRunOutput { get; private set; } = "";

    public static BaseImageOptions Options => new() { RepositoryRoot = RepositoryRoot.Path };

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        Docker = (await EngineProvisioner.EnsureAsync(ct: cts.Token)).Docker;
        var (progress, output) = TestRepository.RecordingProgress();
        Images = await BaseImages.EnsureAsync(Docker, Options, progress, cts.Token);
        FirstRunOutput = output.ToString();
    }

    public Task DisposeAsync()
    {
        Docker.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<BaseImagesFixture>
{
    public const string Name = "engine";
}
