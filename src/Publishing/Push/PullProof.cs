using DockerEngine;
using Publishing.Registry;

namespace Publishing.Push;

/// <summary>Proof that a published image is usable: pull it back by digest through the engine and run it once.</summary>
public sealed class PullProof(DockerClient docker, Action<string>? log = null)
{
    private readonly Action<string> _log = log ?? (_ => { });

    /// <summary>Pulls <c>registry/repo@sha256:…</c> and returns the local image id it resolved to (must equal the pushed one).</summary>
    public async Task<string> PullByDigestAsync(PublishedReference published, RegistryCredentials? credentials = null, CancellationToken ct = default)
    {
        var registry = new RegistryAddress(published.Reference[..published.Reference.IndexOf('/')]);
        await docker.Images.PullAsync(published.DigestReference, credentials?.ToRegistryAuth(registry) ?? RegistryAuth.Anonymous,
            TimeSpan.FromMinutes(2), progress: null, ct);
        var image = await docker.Images.InspectAsync(published.DigestReference, ct);
        _log($"Pulled {published.DigestReference} → image {image.Id}");
        return image.Id;
    }

    /// <summary>
    /// Runs the image once with <paramref name="command"/> (null: the image's own entrypoint/cmd) until it either
    /// exits (a one-shot command) or its HEALTHCHECK reports healthy (a server, then removed); returns how it went.
    /// The container is labeled, has no network, and is always removed.
    /// </summary>
    public async Task<RunOnceResult> RunOnceAsync(string image, IReadOnlyList<string>? command = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var id = await docker.Containers.CreateAsync(new CreateContainerRequest
        {
            Image = image,
            Cmd = command,
            Labels = new Dictionary<string, string> { [ProjectLabels.Name] = ProjectLabels.Value, [LocalRegistryOptions.RoleLabel] = "pull-proof" },
            NetworkMode = "none",
        }, ct);
        try
        {
            await docker.Containers.StartAsync(id, ct);
            var deadline = DateTime.UtcNow + limit;
            while (true)
            {
                var state = (await docker.Containers.InspectAsync(id, ct)).State;
                if (!state.Running || state.Health?.Status == "healthy")
                {
                    // A healthy server is done proving itself: the forced removal below ends it.
                    var logs = await docker.Containers.GetLogsAsync(id, ct);
                    var healthy = state.Running;
                    var exitCode = healthy ? 0 : state.ExitCode;
                    _log($"Ran {image} once: {(healthy ? "healthy" : $"exit code {exitCode}")}");
                    return new RunOnceResult(exitCode, healthy, logs.Stdout, logs.Stderr);
                }
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Image {image} neither exited nor became healthy within {limit.TotalSeconds:0} s when run once" +
                                               $"{(command is null ? "" : " with '" + string.Join(' ', command) + "'")} (health: {state.Health?.Status ?? "no HEALTHCHECK"}).");
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
        finally
        {
            await docker.Containers.RemoveAsync(id, force: true, removeVolumes: true, CancellationToken.None);
        }
    }
}

/// <summary>Exit code of a one-shot run, or 0 with <see cref="Healthy"/> when a server reached healthy (then removed).</summary>
public sealed record RunOnceResult(long ExitCode, bool Healthy, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
