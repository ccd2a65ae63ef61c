using DockerEngine;

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
    public static async Task<RegistryAddress> EnsureAsync(DockerClient docker, LocalRegistryOptions options, Action<string>? log = null, CancellationToken ct = default)
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
            var labels = existing.Config.Labels ?? new Dictionary<string, string>();
            if (labels.GetValueOrDefault(LocalRegistryOptions.RoleLabel) != "registry")
                throw new InvalidOperationException(
                    $"A container named '{options.ContainerName}' exists but is not this project's registry (label {LocalRegistryOptions.RoleLabel}=registry missing). " +
                    "Remove or rename it (docker rm -f " + options.ContainerName + "), or pass --registry host:port.");
            id = existing.Id;
            if (existing.State.Running)
                log($"Reusing running registry '{options.ContainerName}'.");
            else
            {
                log($"Restarting stopped registry '{options.ContainerName}'.");
                await StartAsync(docker, id, options, ct);
            }
        }

        var port = (await docker.Containers.InspectAsync(id, ct)).GetPublishedPort(5000)
                   ?? throw new InvalidOperationException($"Registry container '{options.ContainerName}' does not publish port 5000; remove it (docker rm -f {options.ContainerName}) so the build can recreate it.");
        var address = new RegistryAddress($"{port.HostIp}:{port.HostPort}");
        await WaitUntilAnsweringAsync(docker, id, address, options.StartTimeout, ct);
        log($"Registry ready at {address}.");
        return address;
    }

    /// <summary>Removes the registry container and its data volume (tests; or a user who wants it gone).</summary>
    public static async Task RemoveAsync(DockerClient docker, LocalRegistryOptions options, CancellationToken ct = default)
    {
        if (await FindAsync(docker, options.ContainerName, ct) is { } existing)
            await docker.Containers.RemoveAsync(existing.Id, force: true, removeVolumes: true, ct);
        try { await docker.Volumes.RemoveAsync(options.VolumeName, force: true, ct); }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound) { }
    }

    private static async Task<ContainerInspectResponse?> FindAsync(DockerClient docker, string name, CancellationToken ct)
    {
        try { return await docker.Containers.InspectAsync(name, ct); }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound) { return null; }
    }

    private static async Task<string> CreateAsync(DockerClient docker, LocalRegistryOptions options, CancellationToken ct)
    {
        if (!await docker.Images.ExistsAsync(options.Image, ct))
            throw new InvalidOperationException(
                $"Registry image '{options.Image}' is not present locally. Build it first (the BaseImages target builds images/registry/ on the Debian base), or pass --registry host:port.");
        await EnsureVolumeAsync(docker, options, ct);
        return await docker.Containers.CreateAsync(new CreateContainerRequest
        {
            Image = options.Image,
            Name = options.ContainerName,
            Labels = options.AllLabels(),
            Env = options.Environment,
            PortBindings = [new PortBinding(5000, options.HostPort, options.HostIp)],
            Binds = [$"{options.VolumeName}:{options.DataDirectory}", .. options.Binds ?? []],
        }, ct);
    }

    private static async Task EnsureVolumeAsync(DockerClient docker, LocalRegistryOptions options, CancellationToken ct)
    {
        try
        {
            await docker.Volumes.InspectAsync(options.VolumeName, ct);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            await docker.Volumes.CreateAsync(new CreateVolumeRequest { Name = options.VolumeName, Labels = options.AllLabels() }, ct);
        }
    }

    private static async Task StartAsync(DockerClient docker, string id, LocalRegistryOptions options, CancellationToken ct)
    {
        try
        {
            await docker.Containers.StartAsync(id, ct);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.PortAllocated)
        {
            await docker.Containers.RemoveAsync(id, force: true, removeVolumes: false, ct);
            throw new InvalidOperationException(
                $"Cannot start the local registry: {options.HostIp}:{options.HostPort} is already in use by something else. " +
                "Stop what listens there, or pass --registry host:port to publish to another registry.", e);
        }
    }

    private static async Task WaitUntilAnsweringAsync(DockerClient docker, string id, RegistryAddress address, TimeSpan timeout, CancellationToken ct)
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
                var state = (await docker.Containers.InspectAsync(id, ct)).State;
                if (!state.Running)
                {
                    var logs = await docker.Containers.GetLogsAsync(id, ct);
                    throw new InvalidOperationException($"The registry container exited (code {state.ExitCode}) before answering on {address}. Its log:\n{logs.Stdout}{logs.Stderr}");
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
