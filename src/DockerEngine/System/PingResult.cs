namespace DockerEngine;

/// <summary>What <c>/_ping</c> told us; <see cref="NegotiatedVersion"/> is what every later call uses.</summary>
public sealed record PingResult(
    ApiVersion EngineVersion,
    ApiVersion NegotiatedVersion,
    string? OsType,
    bool Experimental,
    string? BuilderVersion);
