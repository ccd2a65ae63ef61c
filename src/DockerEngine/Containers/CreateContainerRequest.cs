namespace DockerEngine;

/// <summary>What to run. Null means "the image's default" (cmd, entrypoint, user, healthcheck…).</summary>
public sealed record CreateContainerRequest
{
    public required string Image { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyDictionary<string, string>? Env { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }
    public string? Hostname { get; init; }
    public bool Tty { get; init; }

    /// <summary>Ports to expose without publishing, e.g. "8080/tcp" or "5432".</summary>
    public IReadOnlyList<string>? ExposedPorts { get; init; }

    /// <summary>Ports to publish on the host (each is exposed as well).</summary>
    public IReadOnlyList<PortBinding>? PortBindings { get; init; }

    /// <summary>Networks to join with their DNS aliases. The first is joined at create, the rest right after.</summary>
    public IReadOnlyList<NetworkAttachment>? Networks { get; init; }

    /// <summary>"bridge", "none", "host", "container:&lt;id&gt;"; defaults to the first of <see cref="Networks"/>.</summary>
    public string? NetworkMode { get; init; }

    /// <summary>CPU limit in billionths of a CPU (1_000_000_000 = one CPU, what <c>--cpus=1</c> sets).</summary>
    public long? NanoCpus { get; init; }

    /// <summary>Memory limit in bytes.</summary>
    public long? Memory { get; init; }

    public bool ReadonlyRootfs { get; init; }

    /// <summary>tmpfs mounts: path → options ("rw,size=64m", or "").</summary>
    public IReadOnlyDictionary<string, string>? Tmpfs { get; init; }

    /// <summary>Bind or volume mounts as the CLI writes them: "volume-or-/host/path:/in/container[:ro]".</summary>
    public IReadOnlyList<string>? Binds { get; init; }

    public IReadOnlyList<string>? CapDrop { get; init; }
    public IReadOnlyList<string>? CapAdd { get; init; }
    public IReadOnlyList<string>? SecurityOpt { get; init; }

    /// <summary>Seconds the engine waits after SIGTERM before SIGKILL on stop.</summary>
    public int? StopTimeout { get; init; }
    public string? StopSignal { get; init; }

    /// <summary>Overrides the image's HEALTHCHECK; null keeps the image's.</summary>
    public HealthcheckConfig? Healthcheck { get; init; }

    /// <summary>Remove the container when it exits (then logs are gone too).</summary>
    public bool AutoRemove { get; init; }
}

/// <summary>Publish <paramref name="ContainerPort"/> on <paramref name="HostIp"/>:<paramref name="HostPort"/>; a null host port lets the engine pick a free one.</summary>
public sealed record PortBinding(int ContainerPort, int? HostPort = null, string HostIp = "127.0.0.1", string Protocol = "tcp")
{
    public string Key => $"{ContainerPort}/{Protocol}";
}

public sealed record NetworkAttachment(string Network, IReadOnlyList<string>? Aliases = null);

/// <summary>Docker's HEALTHCHECK: Test is ["CMD", "/app/x", "--health"] or ["CMD-SHELL", "…"] or ["NONE"].</summary>
public sealed record HealthcheckConfig
{
    public required IReadOnlyList<string> Test { get; init; }
    public TimeSpan? Interval { get; init; }
    public TimeSpan? Timeout { get; init; }
    public TimeSpan? StartPeriod { get; init; }
    public int? Retries { get; init; }
}
