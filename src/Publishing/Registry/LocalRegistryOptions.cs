using Containers;

namespace Publishing.Registry;

/// <summary>How the local registry container is run. The defaults are the long-lived one on 127.0.0.1:5000.</summary>
public sealed record LocalRegistryOptions
{
    public const string RoleLabel = "com.creditrobot.role";

    /// <summary>The registry image (Debian's docker-registry on the bootstrapped base, or registry:2): see images/registry/.</summary>
    public required string Image { get; init; }

    public string ContainerName { get; init; } = "creditrobot-registry";

    /// <summary>Named volume that keeps the pushed images across restarts and re-creations.</summary>
    public string VolumeName { get; init; } = "creditrobot-registry-data";

    public string HostIp { get; init; } = "127.0.0.1";

    /// <summary>Host port; null lets the engine pick a free one (tests).</summary>
    public int? HostPort { get; init; } = 5000;

    /// <summary>Where the image's registry keeps its data (Debian's package and registry:2 agree).</summary>
    public string DataDirectory { get; init; } = "/var/lib/registry";

    /// <summary>Registry configuration overrides (REGISTRY_AUTH=htpasswd, …).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Extra binds, e.g. "/tmp/x/htpasswd:/auth/htpasswd:ro".</summary>
    public IReadOnlyList<string>? Binds { get; init; }

    /// <summary>Extra labels (a test session label); the project and role labels are always set.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal Dictionary<string, string> AllLabels() =>
        new(Labels ?? new Dictionary<string, string>()) { [ProjectLabels.Name] = ProjectLabels.Value, [RoleLabel] = "registry" };
}
