using System.Diagnostics;
using DockerEngine;

namespace Images;

public sealed record EngineProvisionOptions
{
    /// <summary>dockerd's log goes to <c>{LogDirectory}/dockerd.log</c> (the build's .nuke/temp).</summary>
    public string LogDirectory { get; init; } = Path.Combine(".nuke", "temp");

    /// <summary>How long a freshly started dockerd may take to answer /_ping.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Null: detect this host. Tests inject facts of other hosts.</summary>
    public HostFacts? Host { get; init; }
}

/// <summary>What <see cref="EngineProvisioner.EnsureAsync"/> found or did.</summary>
public sealed record EngineStatus(EngineAction Action, string Endpoint, string ApiVersion, TimeSpan Elapsed);

/// <summary>
/// Makes sure a Docker engine answers: on a fresh Debian machine (root, no engine) it installs docker.io with
/// apt and starts dockerd in its own session, so Ctrl+C of the build does not take the engine down with it.
/// </summary>
public static class EngineProvisioner
{
    public static async Task<EngineStatus> EnsureAsync(DockerClient docker, EngineProvisionOptions? options = null,
        IProgress<string>? log = null, CancellationToken ct = default)
    {
        options ??= new EngineProvisionOptions();
        var clock = Stopwatch.StartNew();
        var endpoint = docker.Endpoint.ToString();
        try
        {
            var ping = await docker.PingAsync(ct);
            return new EngineStatus(EngineAction.AlreadyRunning, endpoint, ping.NegotiatedVersion.ToString(), clock.Elapsed);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.Unreachable)
        {
        }

        var host = options.Host ?? HostFacts.Detect();
        var isDefault = docker.Endpoint.SocketPath == DockerEndpoint.DefaultUnixSocket;
        var plan = EnginePlan.For(host, endpoint, isDefault);
        if (!plan.CanProceed)
            throw new ImagesException(plan.Refusal!);

        if (plan.Action == EngineAction.InstallAndStart)
        {
            log?.Report("No Docker engine: installing docker.io (about 30 s)");
            host = host with { DockerdPath = await (options.Host is null ? HostTools.ForThisHost : new HostTools(host)).EnsureAsync(HostTool.Dockerd, log, ct) };
        }

        var logFile = Path.GetFullPath(Path.Combine(options.LogDirectory, "dockerd.log"));
        log?.Report($"Starting dockerd in the background (log: {logFile})");
        StartDetached(host.DockerdPath!, logFile);
        try
        {
            var ping = await docker.WaitUntilReachableAsync(options.StartTimeout, ct);
            return new EngineStatus(plan.Action, endpoint, ping.NegotiatedVersion.ToString(), clock.Elapsed);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.Unreachable)
        {
            var tail = File.Exists(logFile) ? ProcessRunner.Tail(await File.ReadAllTextAsync(logFile, ct), 10) : "  (no log written)";
            throw new ImagesException(
                $"Started dockerd but it did not answer at {endpoint} within {options.StartTimeout.TotalSeconds:0} s. " +
                $"Last lines of {logFile}:{Environment.NewLine}{tail}", e);
        }
    }

    /// <summary>
    /// setsid puts dockerd in a new session and process group, so the terminal's SIGINT to our group misses it;
    /// the shell only wires the log file and exits at once.
    /// </summary>
    private static void StartDetached(string dockerd, string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec setsid -f \"$0\" >>\"$1\" 2>&1 </dev/null", dockerd, logFile })
            info.ArgumentList.Add(argument);
        using var shell = Process.Start(info) ?? throw new ImagesException($"Could not start {dockerd} via /bin/sh.");
        shell.WaitForExit();
        if (shell.ExitCode != 0)
            throw new ImagesException($"Could not start {dockerd} in the background (setsid exited with {shell.ExitCode}); see {logFile}.");
    }
}
