namespace Containers.Builders;

/// <summary>
/// A container port published on the host's loopback only (never 0.0.0.0): tests and benchmarks talk to
/// 127.0.0.1, nothing else on the network can reach a test container. <see cref="HostPort"/> 0 = random.
/// </summary>
public sealed record PortBinding(int ContainerPort, int HostPort)
{
    public const string HostIp = "127.0.0.1";

    public string ContainerPortKey => $"{ContainerPort}/tcp";
}
