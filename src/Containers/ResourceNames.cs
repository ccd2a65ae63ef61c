namespace Containers;

internal static class ResourceNames
{
    /// <summary><c>creditrobot-{prefix}-{random}</c>: readable in <c>docker ps</c>, unique across parallel tests.</summary>
    public static string Unique(string prefix) =>
        $"creditrobot-{prefix.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
}
