using Containers.Output;

namespace Containers.Waiting;

/// <summary>Waiting for a container failed; the message says what was awaited, what was seen and the last log lines.</summary>
public abstract class ContainerWaitException(string message, ContainerLogs logs) : Exception(message)
{
    public ContainerLogs Logs { get; } = logs;
}

/// <summary>A condition did not hold within its timeout.</summary>
public sealed class ContainerWaitTimeoutException(string message, ContainerLogs logs) : ContainerWaitException(message, logs);

/// <summary>The container exited while a condition was awaited.</summary>
public sealed class ContainerExitedException(string message, long exitCode, ContainerLogs logs) : ContainerWaitException(message, logs)
{
    public long ExitCode { get; } = exitCode;
}
