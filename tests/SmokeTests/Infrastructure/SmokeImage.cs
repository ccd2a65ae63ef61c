using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;
using Testing;

namespace SmokeTests.Infrastructure;

/// <summary>
/// The image under test: exactly the id the Image target produced, handed over in <see cref="Variable"/>, passed to
/// Testcontainers as its full <c>sha256:…</c> id (the engine resolves it, and the image is present, so nothing is
/// pulled). No tag is added: a tag per run would keep every tested image alive.
/// </summary>
public static class SmokeImage
{
    public const string Variable = ProjectNames.AppImageVariable;

    private static readonly Lazy<Task<string>> Checked = new(CheckAsync);

    /// <summary>The image's name for Testcontainers; fails with what to do when it is not given or not on this engine.</summary>
    public static Task<string> IdAsync() => Checked.Value;

    private static async Task<string> CheckAsync()
    {
        var image = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(image))
            throw new InvalidOperationException(
                $"{Variable} is not set. The smoke tests run the exact image the build produced and never build one: " +
                $"run `./build.sh SmokeTest`, or set {Variable}=<image id> (e.g. from `docker images -q`) and run `dotnet test tests/SmokeTests`.");
        using var docker = TestcontainersEngine.CreateClient();
        string id;
        try
        {
            id = (await docker.Images.InspectImageAsync(image)).ID!;
        }
        catch (DockerImageNotFoundException)
        {
            throw new InvalidOperationException($"{Variable}={image} names no image on this engine. Run `./build.sh Image` or pass an existing image id.");
        }

        return id;
    }
}
