using Containers;
using System.Diagnostics;
using Docker.DotNet;
using TypedBuild;

namespace Images;

public sealed record EngineProvisionOptions
{
    /// <summary>dockerd's log goes to <c>{LogDirectory}/dockerd.log</c> (the build's .nuke/temp).</summary>
    public string LogDirectory { get; init; } = Path.Combine(".nuke", "temp");

    /// <summary>How long a freshly started dockerd may take to answer /_ping.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Installs dockerd when needed; its facts decide what may be done (tests inject other hosts' facts).</summary>
    public HostTools HostTools { get; init; } = new();
}

/// <summary>What <see cref="EngineProvisioner.EnsureAsync"/> found or did, and the client every later step uses.</summary>
public sealed record EngineStatus(EngineAction Action, IDockerClient Docker, Version ApiVersion, TimeSpan Elapsed)
{
    public Uri Endpoint => Docker.Options.Endpoint;
}

/// <summary>
/// Makes sure a Docker engine answers: on a fresh Debian machine (root, no engine) it installs docker.io with
/// apt and starts dockerd in its own session, so Ctrl+C of the build does not take the engine down with it.
/// </summary>
public static class EngineProvisioner
{
    public const string DefaultSocket = "unix:///var/run/docker.sock";

    /// <summary>Connects to <paramref name="docker"/> (null: the configured endpoint), bringing a local engine up when needed.</summary>
    public static async Task<EngineStatus> EnsureAsync(IDockerClient? docker = null, EngineProvisionOptions? options = null,
        IProgress<string>? log = null, CancellationToken ct = default)
    {
        options ??= new EngineProvisionOptions();
        docker ??= DockerEngine.Create();
        var clock = Stopwatch.StartNew();
        var endpoint = docker.Options.Endpoint.ToString();
        try
        {
            var (client, api) = await DockerEngine.ConnectAsync(docker, ct);
            return new EngineStatus(EngineAction.AlreadyRunning, client, api, clock.Elapsed);
        }
        catch (Exception e) when (DockerEngine.IsUnreachable(e))
        {
        }

        var host = options.HostTools.Host;
        var isDefault = endpoint == DefaultSocket;
        var plan = EnginePlan.For(host, endpoint, isDefault);
        if (!plan.CanProceed)
            throw new ImagesException(plan.Refusal!);

        if (plan.Action == EngineAction.InstallAndStart)
        {
            log?.Report("No Docker engine: installing docker.io (about 30 s)");
            host = host with { DockerdPath = await options.HostTools.EnsureAsync(HostTool.Dockerd, log, ct) };
        }

        var logFile = Path.GetFullPath(Path.Combine(options.LogDirectory, "dockerd.log"));
        log?.Report($"Starting dockerd in the background (log: {logFile})");
        await StartDetachedAsync(host.DockerdPath!, logFile, ct);
        var deadline = DateTime.UtcNow + options.StartTimeout;
        while (true)
        {
            try
            {
                var (client, api) = await DockerEngine.ConnectAsync(docker, ct);
                return new EngineStatus(plan.Action, client, api, clock.Elapsed);
            }
            catch (Exception e) when (DockerEngine.IsUnreachable(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct); // polling the socket dockerd is creating
            }
            catch (Exception e) when (DockerEngine.IsUnreachable(e))
            {
            var tail = File.Exists(logFile) ? ProcessRunner.Tail(await File.ReadAllLinesAsync(logFile, ct), 10) : "  (no log written)";
            throw new ImagesException(
                $"Started dockerd but it did not answer at {endpoint} within {options.StartTimeout.TotalSeconds:0} s. " +
                $"Last lines of {logFile}:{Environment.NewLine}{tail}", e);
            }
        }
    }

    /// <summary>
    /// setsid puts dockerd in a new session and process group, so the terminal's SIGINT to our group misses it;
    /// the shell only wires the log file and exits at once.
    /// </summary>
    private static async Task StartDetachedAsync(string dockerd, string logFile, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        await ProcessRunner.Silent.RunAsync("/bin/sh", ["-c", "exec setsid -f \"$0\" >>\"$1\" 2>&1 </dev/null", dockerd, logFile], cancellationToken: ct);
    }
}
