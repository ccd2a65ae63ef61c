using Publishing.Registry;

namespace Publishing.Push;

/// <summary>Push <see cref="ImageId"/> (the id that passed the smoke tests) as <c>Registry/Repository:Tag</c> for every tag.</summary>
public sealed record PublishRequest
{
    /// <summary>Local image id (sha256:…) or a local name; never rebuilt, only tagged.</summary>
    public required string ImageId { get; init; }

    public required RegistryAddress Registry { get; init; }

    /// <summary>Repository in the registry, e.g. "creditrobot" or "team/creditrobot".</summary>
    public required string Repository { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Null for an open registry.</summary>
    public RegistryCredentials? Credentials { get; init; }
}
