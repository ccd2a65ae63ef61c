using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Images;

namespace Containers;

/// <summary>
/// Images the tests and the benchmark run (test fixtures, the load generator), made from images the build already
/// has: the bootstrapped Debian base (or the official <c>debian:bookworm-slim</c> where it pulls), never from a file
/// on the host. Each recipe is a Dockerfile that starts <c>FROM ${BASE_IMAGE}</c>; its tag carries a hash of base and
/// recipe, so reruns find it and skip the build.
/// </summary>
public static class RecipeImages
{
    private static readonly Lazy<Task<string>> Base = new(ResolveBaseAsync);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Built = new();

    /// <summary>The Debian base image name: the bootstrapped one, else the official one (pulled if missing).</summary>
    public static Task<string> DebianAsync() => Base.Value;

    /// <summary>The image built from <paramref name="dockerfile"/> on the Debian base, tagged <c>creditrobot-test/{name}:{hash}</c>.</summary>
    public static Task<string> BuildAsync(string name, string dockerfile) =>
        Built.GetOrAdd($"{name}\n{dockerfile}", _ => new Lazy<Task<string>>(() => BuildNowAsync(name, dockerfile))).Value;

    private static async Task<string> BuildNowAsync(string name, string dockerfile)
    {
        var baseImage = await DebianAsync();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{baseImage}\n{dockerfile}")))[..16];
        var tag = $"creditrobot-test/{name}:{hash}";
        var context = Directory.CreateTempSubdirectory("creditrobot-test-image-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), dockerfile);
            var image = new ImageFromDockerfileBuilder()
                .WithName(tag)
                .WithDockerfileDirectory(context.FullName)
                .WithBuildArgument("BASE_IMAGE", baseImage)
                .WithLabel(ProjectLabels.Name, ProjectLabels.Value)
                .WithImageBuildPolicy(PullPolicy.Missing) // built once per recipe, kept as a cache between runs
                .WithCleanUp(false)
                .Build();
            await image.CreateAsync();
            return tag;
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    private static async Task<string> ResolveBaseAsync()
    {
        TestcontainersEngine.Configure();
        using var docker = TestcontainersEngine.CreateClient();
        if (await ExistsAsync(docker, ProjectNames.BootstrappedDebian)) return ProjectNames.BootstrappedDebian;
        if (await ExistsAsync(docker, ProjectNames.OfficialDebian)) return ProjectNames.OfficialDebian;
        try
        {
            var (repository, tag) = (ProjectNames.OfficialDebian.Split(':')[0], ProjectNames.OfficialDebian.Split(':')[1]);
            await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, null, new Progress<JSONMessage>());
            return ProjectNames.OfficialDebian;
        }
        catch (DockerApiException e)
        {
            throw new InvalidOperationException(
                $"The test images need a Debian base: neither {ProjectNames.BootstrappedDebian} is on this engine nor can " +
                $"{ProjectNames.OfficialDebian} be pulled ({e.Message.Trim()}). Run `./build.sh BaseImages` once to bootstrap it.", e);
        }
    }

    private static async Task<bool> ExistsAsync(DockerClient docker, string image)
    {
        try
        {
            await docker.Images.InspectImageAsync(image);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
