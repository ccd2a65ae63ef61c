namespace Benchmark.Runtime;

/// <summary>A started container of a <see cref="BenchImage"/>, published on 127.0.0.1:<see cref="HostPort"/>.</summary>
public sealed record ServiceContainer(string Id, BenchImage Image, int HostPort)
{
    public string ShortId => Short(Id);

    public Uri Url(string pathAndQuery) => new($"http://127.0.0.1:{HostPort}{pathAndQuery}");

    /// <summary>The same path as seen from inside the container's network namespace (still loopback).</summary>
    public string InNamespaceUrl(string pathAndQuery) => $"http://127.0.0.1:{Image.ContainerPort}{pathAndQuery}";

    /// <summary>12 hex digits, as docker prints ids.</summary>
    public static string Short(string id) => id.Replace("sha256:", "", StringComparison.Ordinal)[..Math.Min(12, id.Replace("sha256:", "", StringComparison.Ordinal).Length)];
}
