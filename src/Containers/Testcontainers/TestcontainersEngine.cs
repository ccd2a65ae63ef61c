using Docker.DotNet;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Containers;

/// <summary>
/// Testcontainers configured from what the engine reports, by <see cref="DockerEngine"/>'s one rule, before it is
/// first used (each test assembly calls <see cref="Configure"/> from a module initializer; the benchmark on start):
/// <list type="bullet">
/// <item><c>DOCKER_HOST</c> = the endpoint the rule picks (so a docker context reaches Testcontainers too);</item>
/// <item><c>DOCKER_API_VERSION</c> = the engine's API, only when that is older than Testcontainers' default;</item>
/// <item><c>TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1</c> when the engine is the local unix socket (traffic stays on loopback);</item>
/// <item><c>TESTCONTAINERS_RYUK_DISABLED=true</c> only when Ryuk cannot start (its image absent and not pullable).</item>
/// </list>
/// A variable the user set wins. Then <see cref="SessionSweep"/> removes what crashed runs left behind.
/// </summary>
public static class TestcontainersEngine
{
    public const string HostVariable = "DOCKER_HOST";
    public const string HostOverrideVariable = "TESTCONTAINERS_HOST_OVERRIDE";
    public const string RyukDisabledVariable = "TESTCONTAINERS_RYUK_DISABLED";

    private static readonly Lazy<EngineFacts> Configured = new(() => Task.Run(ConfigureAsync).GetAwaiter().GetResult());

    /// <summary>What was derived and what the first sweep removed; configures on first access.</summary>
    public static EngineFacts Facts => Configured.Value;

    /// <summary>Idempotent; the first call in a process does the work.</summary>
    public static void Configure() => _ = Configured.Value;

    /// <summary>A Docker.DotNet client for the engine Testcontainers uses, speaking the version it negotiated.</summary>
    public static DockerClient CreateClient() =>
        DockerEngine.Create(Environment.GetEnvironmentVariable(DockerEngine.ApiVersionVariable) is { Length: > 0 } v ? Version.Parse(v) : null);

    private static async Task<EngineFacts> ConfigureAsync()
    {
        // Unversioned requests: every engine answers /version, whatever API it speaks.
        using var docker = DockerEngine.Create();
        var endpoint = docker.Options.Endpoint;
        Docker.DotNet.Models.VersionResponse version;
        try
        {
            version = await docker.System.GetVersionAsync();
        }
        catch (Exception e) when (DockerEngine.IsUnreachable(e))
        {
            throw DockerEngine.Unreachable(endpoint, e);
        }

        var engineApi = Version.Parse(version.APIVersion);
        var libraryApi = Environment.GetEnvironmentVariable(DockerEngine.ApiVersionVariable) is { Length: > 0 } ? null : LibraryDefaults.ApiVersion(endpoint);
        var host = SetUnlessGiven(HostVariable, endpoint.ToString());
        var apiVersion = SetUnlessGiven(DockerEngine.ApiVersionVariable, DockerEngine.ChooseApiVersion(engineApi, libraryApi)?.ToString());
        var hostOverride = SetUnlessGiven(HostOverrideVariable, endpoint.Scheme == "unix" ? "127.0.0.1" : null);
        var ryuk = Environment.GetEnvironmentVariable(RyukDisabledVariable) is { Length: > 0 } given
            ? $"{RyukDisabledVariable}={given} (given)"
            : await StartRyukAsync(docker);

        var swept = await SessionSweep.RunAsync(docker);
        return new EngineFacts(endpoint, version.Version, engineApi, libraryApi, host, apiVersion, hostOverride, ryuk, swept);
    }

    /// <summary>Sets <paramref name="name"/> to <paramref name="derived"/> unless the user set it; describes the outcome.</summary>
    private static string SetUnlessGiven(string name, string? derived)
    {
        if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } given) return $"{name}={given} (given)";
        if (derived is null) return $"{name} unset (Testcontainers' default)";
        Environment.SetEnvironmentVariable(name, derived);
        return $"{name}={derived} (derived)";
    }

    /// <summary>
    /// Ryuk's image as Testcontainers 4.17 pins it by default (its constant is private): set when the user named none
    /// (TESTCONTAINERS_RYUK_CONTAINER_IMAGE), so the image checked here is the one Testcontainers starts.
    /// </summary>
    public const string RyukImage = "testcontainers/ryuk:0.14.0@sha256:7c1a8a9a47c780ed0f983770a662f80deb115d95cce3e2daa3d12115b8cd28f0";

    /// <summary>
    /// Ryuk as Testcontainers starts it; when that cannot work, our sweep does its job. An absent image is pulled here
    /// first: offline that fails in milliseconds, while Testcontainers took 3.5-4 s to give up (measured: every test
    /// process paid it before its first test, `dotnet test --list-tests` 1.5-2.0 instead of 5.8 s without it).
    /// </summary>
    private static async Task<string> StartRyukAsync(DockerClient docker)
    {
        var image = (TestcontainersSettings.ResourceReaperImage ??= new DotNet.Testcontainers.Images.DockerImage(RyukImage)).FullName;
        try
        {
            if (await docker.TryInspectImageAsync(image) is null && await docker.TryPullAsync(image, Timeout.InfiniteTimeSpan) is { } failure)
                throw new InvalidOperationException($"{image} is not present and cannot be pulled: {failure}");
            await ResourceReaper.GetAndStartDefaultAsync(TestcontainersSettings.OS.DockerEndpointAuthConfig, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            return "Ryuk running (Testcontainers' default)";
        }
        catch (Exception e)
        {
            Environment.SetEnvironmentVariable(RyukDisabledVariable, "true");
            TestcontainersSettings.ResourceReaperEnabled = false;
            return $"{RyukDisabledVariable}=true (derived: Ryuk did not start: {e.Message.Split('\n')[0]})";
        }
    }
}

/// <summary>The engine as found, the configuration derived from it, and the first sweep's result.</summary>
public sealed record EngineFacts(
    Uri Endpoint, string EngineVersion, Version EngineApi, Version? LibraryApi,
    string Host, string ApiVersion, string HostOverride, string Ryuk, SweepResult FirstSweep)
{
    public override string ToString() =>
        $"engine {EngineVersion} at {Endpoint} (API {EngineApi}, Testcontainers' default {LibraryApi?.ToString() ?? "not asked"}); {Host}; {ApiVersion}; {HostOverride}; {Ryuk}; sweep {FirstSweep}";
}
