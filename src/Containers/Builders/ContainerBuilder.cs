using System.Collections.Immutable;
using Containers.Output;
using Containers.Waiting;

namespace Containers.Builders;

/// <summary>
/// Immutable fluent description of a container, shaped like Testcontainers for .NET: every <c>With…</c> returns a
/// new builder, <see cref="Build"/> returns an <see cref="IContainer"/> that is created and started by
/// <see cref="IContainer.StartAsync"/> and removed by <c>await using</c>.
/// </summary>
public sealed class ContainerBuilder
{
    public ContainerBuilder()
        : this(new ContainerConfiguration())
    {
    }

    public ContainerBuilder(string image)
        : this(new ContainerConfiguration { Image = image })
    {
    }

    private ContainerBuilder(ContainerConfiguration configuration) => Configuration = configuration;

    public ContainerConfiguration Configuration { get; }

    public ContainerBuilder WithImage(string image) => With(c => c with { Image = Required(image, nameof(image)) });

    /// <summary>A readable name prefix; a random suffix keeps parallel tests apart.</summary>
    public ContainerBuilder WithName(string name) => With(c => c with { Name = Required(name, nameof(name)) });

    public ContainerBuilder WithEnvironment(string name, string value) =>
        With(c => c with { Environment = c.Environment.SetItem(Required(name, nameof(name)), value) });

    public ContainerBuilder WithEnvironment(IReadOnlyDictionary<string, string> variables) =>
        With(c => c with { Environment = c.Environment.SetItems(variables) });

    public ContainerBuilder WithCommand(params string[] command) => With(c => c with { Command = [.. command] });

    public ContainerBuilder WithEntrypoint(params string[] entrypoint) =>
        With(c => c with { Entrypoint = [.. entrypoint] });

    /// <summary>Publishes <paramref name="containerPort"/> on 127.0.0.1, on a random free host port when asked.</summary>
    public ContainerBuilder WithPortBinding(int containerPort, bool assignRandomHostPort = false) =>
        WithPortBinding(containerPort, assignRandomHostPort ? 0 : containerPort);

    /// <summary>Publishes <paramref name="containerPort"/> on 127.0.0.1:<paramref name="hostPort"/> (0 = random).</summary>
    public ContainerBuilder WithPortBinding(int containerPort, int hostPort)
    {
        ValidatePort(containerPort, nameof(containerPort), allowZero: false);
        ValidatePort(hostPort, nameof(hostPort), allowZero: true);
        return With(c => c with
        {
            PortBindings = c.PortBindings.RemoveAll(p => p.ContainerPort == containerPort)
                .Add(new PortBinding(containerPort, hostPort)),
        });
    }

    /// <summary>Exposes a port to containers on the same network without publishing it on the host.</summary>
    public ContainerBuilder WithExposedPort(int containerPort)
    {
        ValidatePort(containerPort, nameof(containerPort), allowZero: false);
        return With(c => c with { ExposedPorts = c.ExposedPorts.Add(containerPort) });
    }

    /// <summary>Joins a network created by <see cref="NetworkBuilder"/>; it is created first if needed.</summary>
    public ContainerBuilder WithNetwork(INetwork network) =>
        With(c => c with { Network = network ?? throw new ArgumentNullException(nameof(network)), NetworkName = null });

    /// <summary>Joins an existing network by name.</summary>
    public ContainerBuilder WithNetwork(string networkName) =>
        With(c => c with { NetworkName = Required(networkName, nameof(networkName)), Network = null });

    /// <summary>Names under which other containers on the same network reach this one.</summary>
    public ContainerBuilder WithNetworkAliases(params string[] aliases) =>
        With(c => c with { NetworkAliases = c.NetworkAliases.AddRange(aliases) });

    public ContainerBuilder WithLabel(string name, string value) =>
        With(c => c with { Labels = c.Labels.SetItem(Required(name, nameof(name)), value) });

    /// <summary>User as <c>uid[:gid]</c> or a name known to the image.</summary>
    public ContainerBuilder WithUser(string user) => With(c => c with { User = Required(user, nameof(user)) });

    public ContainerBuilder WithCpus(double cpus) =>
        cpus > 0 ? With(c => c with { Cpus = cpus }) : throw new ArgumentOutOfRangeException(nameof(cpus), cpus, "CPUs must be > 0, e.g. 0.5 or 1.");

    public ContainerBuilder WithMemoryLimit(long bytes) =>
        bytes >= 6 * 1024 * 1024
            ? With(c => c with { MemoryBytes = bytes })
            : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "The engine needs a memory limit of at least 6 MiB.");

    public ContainerBuilder WithReadOnlyRootFilesystem(bool readOnly = true) =>
        With(c => c with { ReadOnlyRootFilesystem = readOnly });

    /// <summary>A tmpfs mount, e.g. <c>WithTmpfs("/tmp", "rw,noexec,nosuid,size=64m")</c>.</summary>
    public ContainerBuilder WithTmpfs(string path, string options = "rw,noexec,nosuid,size=64m") =>
        With(c => c with { Tmpfs = c.Tmpfs.SetItem(Required(path, nameof(path)), options) });

    /// <summary>Drops Linux capabilities, e.g. <c>WithCapDrop("ALL")</c>.</summary>
    public ContainerBuilder WithCapDrop(params string[] capabilities) =>
        With(c => c with { CapDrop = c.CapDrop.AddRange(capabilities) });

    public ContainerBuilder WithCapAdd(params string[] capabilities) =>
        With(c => c with { CapAdd = c.CapAdd.AddRange(capabilities) });

    /// <summary>How long <see cref="IContainer.StopAsync"/> waits after SIGTERM before the engine sends SIGKILL.</summary>
    public ContainerBuilder WithStopTimeout(TimeSpan timeout) =>
        timeout >= TimeSpan.Zero
            ? With(c => c with { StopTimeout = timeout })
            : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Stop timeout must not be negative.");

    public ContainerBuilder WithHealthCheck(HealthCheck healthCheck) => With(c => c with { HealthCheck = healthCheck });

    public ContainerBuilder WithWaitStrategy(WaitStrategy waitStrategy) =>
        With(c => c with { WaitStrategy = waitStrategy });

    /// <summary>Receives every output line live; several consumers may be added.</summary>
    public ContainerBuilder WithOutputConsumer(IOutputConsumer consumer) =>
        With(c => c with { OutputConsumers = c.OutputConsumers.Add(consumer) });

    public IContainer Build()
    {
        if (string.IsNullOrWhiteSpace(Configuration.Image))
            throw new InvalidOperationException("ContainerBuilder.Build(): no image set; call WithImage(\"name:tag\" or an image id) first.");
        if (!Configuration.NetworkAliases.IsEmpty && Configuration.Network is null && Configuration.NetworkName is null)
            throw new InvalidOperationException("ContainerBuilder.Build(): network aliases need a network; call WithNetwork(...) too.");
        return new DockerContainer(Configuration);
    }

    private ContainerBuilder With(Func<ContainerConfiguration, ContainerConfiguration> change) => new(change(Configuration));

    private static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty.", name) : value;

    private static void ValidatePort(int port, string name, bool allowZero)
    {
        if (port < (allowZero ? 0 : 1) || port > 65535)
            throw new ArgumentOutOfRangeException(name, port, $"A port is 1..65535{(allowZero ? " (0 = random)" : "")}.");
    }
}
