namespace ServerConfig;

/// <summary>One or more configuration errors, each a complete line a user can act on.</summary>
public sealed class ServerConfigException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public ServerConfigException(string error) : this([error]) { }

    public IReadOnlyList<string> Errors { get; } = errors;
}
