using System.Collections.Immutable;
using Containers.Output;
using Containers.Waiting;

namespace Containers.Builders;

/// <summary>Everything a <see cref="ContainerBuilder"/> collected; immutable, so builders can be shared and forked.</summary>
public sealed record ContainerConfiguration
{
    public string? Image { get; init; }
    public string? Name { get; init; }
    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableArray<string>? Command { get; init; }
    public ImmutableArray<string>? Entrypoint { get; init; }
    public ImmutableArray<PortBinding> PortBindings { get; init; } = [];
    public ImmutableArray<int> ExposedPorts { get; init; } = [];
    public INetwork? Network { get; init; }
    public string? NetworkName { get; init; }
    public ImmutableArray<string> NetworkAliases { get; init; } = [];
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;
    public string? User { get; init; }
    public double? Cpus { get; init; }
    public long? MemoryBytes { get; init; }
    public bool ReadOnlyRootFilesystem { get; init; }
    public ImmutableDictionary<string, string> Tmpfs { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableArray<string> CapDrop { get; init; } = [];
    public ImmutableArray<string> CapAdd { get; init; } = [];
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public WaitStrategy? WaitStrategy { get; init; }
    public ImmutableArray<IOutputConsumer> OutputConsumers { get; init; } = [];
    public HealthCheck? HealthCheck { get; init; }
}

/// <summary>A container health check (exec form), overriding the image's HEALTHCHECK.</summary>
public sealed record HealthCheck(IReadOnlyList<string> Test, TimeSpan Interval, TimeSpan Timeout, int Retries)
{
    public TimeSpan StartPeriod { get; init; } = TimeSpan.Zero;
}
