using Containers;
using Docker.DotNet;
using Publishing.Registry;

namespace Publishing.Tests.Fixtures;

/// <summary>
/// A throwaway registry for one test class: the real registry image on a random 127.0.0.1 port, its own
/// container and volume (labeled with the session), optionally with htpasswd auth. Never the default one on :5000.
/// </summary>
public sealed class TestRegistry : IAsyncDisposable
{
    private readonly IDockerClient _docker;
    private readonly string? _authDirectory;

    private TestRegistry(IDockerClient docker, LocalRegistryOptions options, RegistryAddress address, string? authDirectory)
    {
        _docker = docker;
        Options = options;
        Address = address;
        _authDirectory = authDirectory;
    }

    public LocalRegistryOptions Options { get; }
    public RegistryAddress Address { get; }

    public static async Task<TestRegistry> StartAsync(IDockerClient docker, (string User, string Password)? login = null, CancellationToken ct = default)
    {
        var image = await TestImages.RegistryAsync(docker, ct);
        var name = $"creditrobot-publishing-test-{Guid.NewGuid():N}"[..40];
        string? authDirectory = null;
        var env = new Dictionary<string, string>();
        var binds = new List<string>();
        if (login is { } l)
        {
            authDirectory = Directory.CreateTempSubdirectory("publishing-htpasswd-").FullName;
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(authDirectory, (UnixFileMode)0b111_101_101);
            var file = Path.Combine(authDirectory, "htpasswd");
            await File.WriteAllTextAsync(file, Htpasswd.Line(l.User, l.Password) + "\n", ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
            env["REGISTRY_AUTH"] = "htpasswd";
            env["REGISTRY_AUTH_HTPASSWD_REALM"] = "publishing-tests";
            env["REGISTRY_AUTH_HTPASSWD_PATH"] = "/auth/htpasswd";
            binds.Add($"{authDirectory}:/auth:ro");
        }
        var options = new LocalRegistryOptions
        {
            Image = image, ContainerName = name, VolumeName = name, HostPort = null,
            Environment = env, Binds = binds, Labels = Session.Labels,
        };
        var address = await LocalRegistry.EnsureAsync(docker, options, ct: ct);
        return new TestRegistry(docker, options, address, authDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await LocalRegistry.RemoveAsync(_docker, Options);
        if (_authDirectory is not null) Directory.Delete(_authDirectory, recursive: true);
    }
}
