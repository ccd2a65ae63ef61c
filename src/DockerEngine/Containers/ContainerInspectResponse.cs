namespace DockerEngine;

/// <summary><c>GET /containers/{id}/json</c>, the parts a pipeline and its tests look at (shaped like the engine's JSON).</summary>
public sealed record ContainerInspectResponse
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The image id (sha256:…) the container runs.</summary>
    public string Image { get; init; } = "";
    public string Created { get; init; } = "";
    public int RestartCount { get; init; }
    public ContainerState State { get; init; } = new();
    public ContainerConfigInfo Config { get; init; } = new();
    public HostConfigInfo HostConfig { get; init; } = new();
    public NetworkSettingsInfo NetworkSettings { get; init; } = new();

    /// <summary>The host side of a published port, e.g. 127.0.0.1:49153 for container port 8080; null if not published.</summary>
    public PublishedPort? GetPublishedPort(int containerPort, string protocol = "tcp") =>
        NetworkSettings.Ports?.GetValueOrDefault($"{containerPort}/{protocol}")?
            .Select(b => new PublishedPort(containerPort, b.HostIp, int.Parse(b.HostPort, System.Globalization.CultureInfo.InvariantCulture)))
            .FirstOrDefault();
}

public sealed record PublishedPort(int ContainerPort, string HostIp, int HostPort)
{
    public override string ToString() => $"{HostIp}:{HostPort}";
}

public sealed record ContainerState
{
    /// <summary>created, running, paused, restarting, removing, exited, dead.</summary>
    public string Status { get; init; } = "";
    public bool Running { get; init; }
    public bool Paused { get; init; }
    public bool Restarting { get; init; }
    public bool OOMKilled { get; init; }
    public bool Dead { get; init; }
    public int Pid { get; init; }
    public long ExitCode { get; init; }
    public string Error { get; init; } = "";
    public string StartedAt { get; init; } = "";
    public string FinishedAt { get; init; } = "";
    /// <summary>Null when the container has no healthcheck.</summary>
    public ContainerHealth? Health { get; init; }
}

public sealed record ContainerHealth
{
    /// <summary>starting, healthy, unhealthy.</summary>
    public string Status { get; init; } = "";
    public int FailingStreak { get; init; }
    public IReadOnlyList<HealthLogEntry> Log { get; init; } = [];
}

public sealed record HealthLogEntry(string Start, string End, long ExitCode, string Output);

public sealed record ContainerConfigInfo
{
    public string Hostname { get; init; } = "";
    public string User { get; init; } = "";
    public bool Tty { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public string Image { get; init; } = "";
    public string WorkingDir { get; init; } = "";
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public HealthcheckInfo? Healthcheck { get; init; }
}

/// <summary>A healthcheck as the engine reports it; durations in nanoseconds.</summary>
public sealed record HealthcheckInfo
{
    public IReadOnlyList<string>? Test { get; init; }
    public long Interval { get; init; }
    public long Timeout { get; init; }
    public long StartPeriod { get; init; }
    public int Retries { get; init; }
}

public sealed record HostConfigInfo
{
    public string NetworkMode { get; init; } = "";
    public long NanoCpus { get; init; }
    public long Memory { get; init; }
    public bool ReadonlyRootfs { get; init; }
    public bool AutoRemove { get; init; }
    public IReadOnlyList<string>? CapDrop { get; init; }
    public IReadOnlyDictionary<string, string>? Tmpfs { get; init; }
}

public sealed record NetworkSettingsInfo
{
    /// <summary>"8080/tcp" → host bindings; the value is null for exposed but unpublished ports.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HostBinding>?>? Ports { get; init; }
    public IReadOnlyDictionary<string, EndpointInfo>? Networks { get; init; }
}

public sealed record HostBinding(string HostIp, string HostPort);

public sealed record EndpointInfo
{
    public string NetworkID { get; init; } = "";
    public string IPAddress { get; init; } = "";
    public IReadOnlyList<string>? Aliases { get; init; }
}
