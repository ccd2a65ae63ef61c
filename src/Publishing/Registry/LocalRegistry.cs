using Docker.DotNet;
using Docker.DotNet.Models;

namespace Publishing.Registry;

/// <summary>
/// The real OCI registry the build publishes to when no <c>--registry</c> is given: a container on
/// 127.0.0.1:5000 with its data in a named volume. It is a long-lived service owned by the user: the build
/// starts it when missing, reuses it when running, and never removes it. To remove it (and its images):
/// <c>docker rm -f creditrobot-registry &amp;&amp; docker volume rm creditrobot-registry-data</c>.
/// </summary>
public static class LocalRegistry
{
    /// <summary>Makes sure the registry answers and returns its address. Reuses a running one; restarts a stopped one.</summary>
    public static async Task<RegistryAddress> EnsureAsync(IDockerClient docker, LocalRegistryOptions options, Action<string>? log = null, CancellationToken ct = default)
    {
        log ??= _ => { };
        var existing = await FindAsync(docker, options.ContainerName, ct);
        string id;
        if (existing is null)
        {
            id = await CreateAsync(docker, options, ct);
            log($"Starting registry '{options.ContainerName}' ({options.Image}) with data in volume '{options.VolumeName}'.");
            await StartAsync(docker, id, options, ct);
        }
        else
        {
            var labels = existing.Config?.Labels ?? new Dictionary<string, string>();
            if (!(labels.TryGetValue(LocalRegistryOptions.RoleLabel, out var role) && role == "registry"))
                throw new InvalidOperationException(
                    $"A container named '{options.ContainerName}' exists but is not this project's registry (label {LocalRegistryOptions.RoleLabel}=registry missing). " +
                    "Remove or rename it (docker rm -f " + options.ContainerName + "), or pass --registry host:port.");
            id = existing.ID;
            if (existing.State?.Running == true)
                log($"Reusing running registry '{options.ContainerName}'.");
            else
            {
                log($"Restarting stopped registry '{options.ContainerName}'.");
                await StartAsync(docker, id, options, ct);
            }
        }

        var ports = (await docker.Containers.InspectContainerAsync(id, ct)).NetworkSettings?.Ports;
        var port = (ports is not null && ports.TryGetValue("5000/tcp", out var bindings) ? bindings?.FirstOrDefault() : null)
                   ?? throw new InvalidOperationException($"Registry container '{options.ContainerName}' does not publish port 5000; remove it (docker rm -f {options.ContainerName}) so the build can recreate it.");
        var address = new RegistryAddress($"{port.HostIP}:{port.HostPort}");
        await WaitUntilAnsweringAsync(docker, id, address, options.StartTimeout, ct);
        log($"Registry ready at {address}.");
        return address;
    }

    /// <summary>Removes the registry container and its data volume (tests; or a user who wants it gone).</summary>
    public static async Task RemoveAsync(IDockerClient docker, LocalRegistryOptions options, CancellationToken ct = default)
    {
        if (await FindAsync(docker, options.ContainerName, ct) is { } existing)
            await docker.Containers.RemoveContainerAsync(existing.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
        try { await docker.Volumes.RemoveAsync(options.VolumeName, force: true, ct); }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { }
    }

    private static async Task<ContainerInspectResponse?> FindAsync(IDockerClient docker, string name, CancellationToken ct)
    {
        try { return await docker.Containers.InspectContainerAsync(name, ct); }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }

    private static async Task<string> CreateAsync(IDockerClient docker, LocalRegistryOptions options, CancellationToken ct)
    {
        try { await docker.Images.InspectImageAsync(options.Image, ct); }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException(
                $"Registry image '{options.Image}' is not present locally. Build it first (the BaseImages target builds images/registry/ on the Debian base), or pass --registry host:port.");
        }
        await EnsureVolumeAsync(docker, options, ct);
        return (await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = options.Image,
            Name = options.ContainerName,
            Labels = options.AllLabels(),
            Env = options.Environment?.Select(e => $"{e.Key}={e.Value}").ToList()!,
            ExposedPorts = new Dictionary<string, EmptyStruct> { ["5000/tcp"] = default },
            HostConfig = new HostConfig
            {
                PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    ["5000/tcp"] = [new PortBinding { HostIP = options.HostIp, HostPort = options.HostPort?.ToString() ?? "" }],
                },
                Binds = [$"{options.VolumeName}:{options.DataDirectory}", .. options.Binds ?? []],
            },
        }, ct)).ID;
    }

    private static async Task EnsureVolumeAsync(IDockerClient docker, LocalRegistryOptions options, CancellationToken ct)
    {
        try
        {
            await docker.Volumes.InspectAsync(options.VolumeName, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = options.VolumeName, Labels = options.AllLabels() }, ct);
        }
    }

    private static async Task StartAsync(IDockerClient docker, string id, LocalRegistryOptions options, CancellationToken ct)
    {
        try
        {
            await docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
        }
        catch (DockerApiException e) when (e.ResponseBody?.Contains("port is already allocated") == true ||
                                           e.ResponseBody?.Contains("address already in use") == true)
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, ct);
            throw new InvalidOperationException(
                $"Cannot start the local registry: {options.HostIp}:{options.HostPort} is already in use by something else. " +
                "Stop what listens there, or pass --registry host:port to publish to another registry.", e);
        }
    }

    private static async Task WaitUntilAnsweringAsync(IDockerClient docker, string id, RegistryAddress address, TimeSpan timeout, CancellationToken ct)
    {
        using var client = new RegistryClient(address, credentials: null, TimeSpan.FromSeconds(2));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await client.CheckAccessAsync(ct);
                return;
            }
            // An htpasswd-protected registry answers 401 anonymously: that is "up" too.
            catch (RegistryException e) when (e.Kind == RegistryErrorKind.Unauthorized) { return; }
            catch (RegistryException) when (DateTime.UtcNow < deadline)
            {
                var state = (await docker.Containers.InspectContainerAsync(id, ct)).State ?? new State();
                if (!state.Running)
                {
                    var (stdout, stderr) = await ContainerLogs.ReadAsync(docker, id, ct);
                    throw new InvalidOperationException($"The registry container exited (code {state.ExitCode}) before answering on {address}. Its log:\n{stdout}{stderr}");
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
            catch (RegistryException e)
            {
                throw new InvalidOperationException($"Waited {timeout.TotalSeconds:0} s for the registry to answer GET http://{address}/v2/; it did not: {e.Message}", e);
            }
        }
    }
}
