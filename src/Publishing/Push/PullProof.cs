using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;
using Publishing.Registry;

namespace Publishing.Push;

/// <summary>Proof that a published image is usable: pull it back by digest through the engine and run it once.</summary>
public sealed class PullProof(IDockerClient docker, Action<string>? log = null)
{
    private readonly Action<string> _log = log ?? (_ => { });

    /// <summary>Pulls <c>registry/repo@sha256:…</c> and returns the local image id it resolved to (must equal the pushed one).</summary>
    public async Task<string> PullByDigestAsync(PublishedReference published, RegistryCredentials? credentials = null, CancellationToken ct = default)
    {
        var registry = new RegistryAddress(published.Reference[..published.Reference.IndexOf('/')]);
        string? error = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = published.DigestReference },
                credentials?.ToAuthConfig(registry) ?? new AuthConfig(),
                new InlineProgress<JSONMessage>(m => error ??= m.Error?.Message is { Length: > 0 } e ? e : null), timeout.Token);
        }
        if (error is not null)
            throw new RegistryException(RegistryErrorKind.Protocol, registry.HostAndPort,
                $"Pulling {published.DigestReference} back failed: {credentials?.Scrub(error) ?? error}");
        var image = await docker.Images.InspectImageAsync(published.DigestReference, ct);
        _log($"Pulled {published.DigestReference} → image {image.ID}");
        return image.ID;
    }

    /// <summary>
    /// Runs the image once with <paramref name="command"/> (null: the image's own entrypoint/cmd) until it either
    /// exits (a one-shot command) or its HEALTHCHECK reports healthy (a server, then removed); returns how it went.
    /// The container is labeled, has no network, and is always removed.
    /// </summary>
    public async Task<RunOnceResult> RunOnceAsync(string image, IReadOnlyList<string>? command = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Cmd = command?.ToList()!,
            Labels = new Dictionary<string, string> { [ProjectLabels.Name] = ProjectLabels.Value, [LocalRegistryOptions.RoleLabel] = "pull-proof" },
            HostConfig = new HostConfig { NetworkMode = "none" },
        }, ct)).ID;
        try
        {
            await docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
            var deadline = DateTime.UtcNow + limit;
            while (true)
            {
                var state = (await docker.Containers.InspectContainerAsync(id, ct)).State ?? new State();
                if (!state.Running || state.Health?.Status == "healthy")
                {
                    // A healthy server is done proving itself: the forced removal below ends it.
                    var (stdout, stderr) = await ContainerLogs.ReadAsync(docker, id, ct);
                    var healthy = state.Running;
                    var exitCode = healthy ? 0 : state.ExitCode;
                    _log($"Ran {image} once: {(healthy ? "healthy" : $"exit code {exitCode}")}");
                    return new RunOnceResult(exitCode, healthy, stdout, stderr);
                }
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Image {image} neither exited nor became healthy within {limit.TotalSeconds:0} s when run once" +
                                               $"{(command is null ? "" : " with '" + string.Join(' ', command) + "'")} (health: {state.Health?.Status ?? "no HEALTHCHECK"}).");
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
        finally
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None);
        }
    }
}

/// <summary>Exit code of a one-shot run, or 0 with <see cref="Healthy"/> when a server reached healthy (then removed).</summary>
public sealed record RunOnceResult(long ExitCode, bool Healthy, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
