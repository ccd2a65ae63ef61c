using DockerEngine;

namespace SmokeTests.Infrastructure;

/// <summary>The image under test: exactly the id the Image target produced, handed over in <see cref="Variable"/>.</summary>
public static class SmokeImage
{
    public const string Variable = "CREDITROBOT_IMAGE";

    private static readonly Lazy<Task<string>> Checked = new(CheckAsync);

    /// <summary>The image id; fails with what to do when it is not given or not on this engine.</summary>
    public static Task<string> IdAsync() => Checked.Value;

    private static async Task<string> CheckAsync()
    {
        var image = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(image))
            throw new InvalidOperationException(
                $"{Variable} is not set. The smoke tests run the exact image the build produced and never build one: " +
                $"run `./build.sh SmokeTest`, or set {Variable}=<image id> (e.g. from `docker images -q`) and run `dotnet test tests/SmokeTests`.");
        using var docker = new DockerClient();
        if (!await docker.Images.ExistsAsync(image))
            throw new InvalidOperationException(
                $"{Variable}={image} names no image on this engine ({docker.Endpoint}). Run `./build.sh Image` or pass an existing image id.");
        return image;
    }
}
