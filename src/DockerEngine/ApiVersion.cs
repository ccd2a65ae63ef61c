namespace DockerEngine;

/// <summary>An Engine API version such as 1.41; compares numerically (1.9 &lt; 1.41).</summary>
public readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    /// <summary>Newest API this client speaks. Never request more than the engine reports.</summary>
    public static ApiVersion MaxSupported { get; } = new(1, 45);

    /// <summary>What the docker CLI assumes when an engine does not report its version.</summary>
    public static ApiVersion Fallback { get; } = new(1, 24);

    public static ApiVersion Parse(string value) =>
        TryParse(value, out var version)
            ? version
            : throw new FormatException($"'{value}' is not an Engine API version like 1.41.");

    public static bool TryParse(string? value, out ApiVersion version)
    {
        version = default;
        var parts = value?.Trim().TrimStart('v').Split('.');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor))
            return false;
        version = new ApiVersion(major, minor);
        return true;
    }

    /// <summary>The version to use with an engine that reports <paramref name="engine"/>.</summary>
    public static ApiVersion Negotiate(ApiVersion engine) => engine.CompareTo(MaxSupported) < 0 ? engine : MaxSupported;

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}";
}
