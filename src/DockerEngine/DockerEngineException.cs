namespace DockerEngine;

/// <summary>
/// An engine call failed. <see cref="Exception.Message"/> is written for a user: what failed, the engine's
/// own words, and what to do about it. Never contains registry credentials.
/// </summary>
public class DockerEngineException : Exception
{
    public DockerEngineException(DockerErrorKind kind, string message, int? statusCode = null,
        string? engineMessage = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
        EngineMessage = engineMessage;
    }

    public DockerErrorKind Kind { get; }

    /// <summary>HTTP status from the engine; null when the engine was never reached or the error came in a stream.</summary>
    public int? StatusCode { get; }

    /// <summary>The engine's raw message, if any.</summary>
    public string? EngineMessage { get; }
}
