namespace DockerEngine;

/// <summary>An image build failed; the message names the step and ends with the step's last output lines.</summary>
public sealed class DockerBuildException(string message, string engineMessage, string? step, IReadOnlyList<string> outputTail)
    : DockerEngineException(DockerErrorKind.BuildFailed, message, engineMessage: engineMessage)
{
    /// <summary>The failing step as the engine printed it, e.g. "Step 3/5 : RUN make".</summary>
    public string? Step { get; } = step;

    /// <summary>The last lines the failing step printed.</summary>
    public IReadOnlyList<string> OutputTail { get; } = outputTail;
}
