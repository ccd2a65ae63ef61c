namespace Publishing.Registry;

public enum RegistryErrorKind
{
    /// <summary>Nothing answers at the registry address (refused, DNS, timeout, TLS).</summary>
    Unreachable,
    /// <summary>The registry wants credentials, or rejected the ones given.</summary>
    Unauthorized,
    /// <summary>The registry answered, but not as a v2 registry should.</summary>
    Protocol,
    /// <summary>Pushing through the engine failed for another reason.</summary>
    PushFailed,
}

/// <summary>A registry problem, worded for the user; it always names the registry and never holds a password.</summary>
public sealed class RegistryException(RegistryErrorKind kind, string registry, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public RegistryErrorKind Kind { get; } = kind;

    public string Registry { get; } = registry;
}
