using Containers;
using Docker.DotNet;

namespace Testing;

/// <summary>The images only tests use: recipes for <see cref="RecipeImages"/> and the base images the build resolved.</summary>
public static class TestImages
{
    /// <summary>A process that runs until stopped and reports healthy: for tests that need a running container.</summary>
    public const string Idle = """
        ARG BASE_IMAGE
        FROM ${BASE_IMAGE}
        HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD ["true"]
        CMD ["sleep", "infinity"]
        """;

    /// <summary>A PostgreSQL image with the official <c>postgres</c> image's contract: $CREDITROBOT_POSTGRES_IMAGE, else the bootstrapped one.</summary>
    public static string Postgres => Given(ProjectNames.PostgresImageVariable) ?? ProjectNames.BootstrappedPostgres;

    /// <summary>The registry image: $PUBLISHING_TEST_REGISTRY_IMAGE (what the build resolved), else the bootstrapped one.</summary>
    public static async Task<string> RegistryAsync(IDockerClient docker, CancellationToken ct = default)
    {
        var image = Given(ProjectNames.RegistryImageVariable) ?? ProjectNames.BootstrappedRegistry;
        return await docker.TryInspectImageAsync(image, ct) is not null ? image
            : throw new InvalidOperationException($"The registry image {image} is not in the engine: run `./build.sh BaseImages` " +
                                                  $"(it bootstraps it), or set {ProjectNames.RegistryImageVariable} to a registry image that is.");
    }

    private static string? Given(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given ? given : null;
}
