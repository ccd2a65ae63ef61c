namespace TypedBuild;

/// <summary>The invocation (or the build definition) is invalid; nothing ran. Exit code 2.</summary>
public sealed class UsageException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public UsageException(string error) : this([error]) { }

    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>An expected failure inside a target with a message a user can act on; printed without a
/// stack trace.</summary>
public class BuildException(string message, Exception? inner = null) : Exception(message, inner);
