using System.Text.RegularExpressions;

namespace Deployment;

/// <summary>
/// The namespace the objects go into, written once as the kustomization's <c>namespace:</c> (see <see cref="Kustomization"/>).
/// Empty means none: the objects follow <c>kubectl -n</c> or the context's namespace.
/// </summary>
public static partial class NamespaceName
{
    /// <summary>The app's own namespace: never <c>default</c>, where every other workload of a cluster tends to land.</summary>
    public const string Default = "creditrobot";

    /// <summary>Why <paramref name="name"/> cannot be a namespace, naming <paramref name="source"/>; null when it can (or is empty: none).</summary>
    public static string? Problem(string name, string source) =>
        name.Length == 0 || (name.Length <= 63 && DnsLabel().IsMatch(name)) ? null :
            $"{source}: '{name}' is not a Kubernetes namespace name (expected at most 63 lowercase letters, digits and '-', " +
            $"starting and ending with a letter or digit, e.g. {Default}; empty for the namespace kubectl is given).";

    public static string Validate(string name, string source) =>
        Problem(name, source) is { } problem ? throw new ArgumentException(problem) : name;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
