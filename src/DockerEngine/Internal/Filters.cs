namespace DockerEngine.Internal;

internal static class Filters
{
    /// <summary>Adds label filters ("key" or "key=value") to the engine's generic filter map.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? Merge(
        IReadOnlyDictionary<string, IReadOnlyList<string>>? filters, IReadOnlyDictionary<string, string?>? labels)
    {
        if (labels is null || labels.Count == 0)
            return filters;
        var merged = filters?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? [];
        var labelValues = labels.Select(kv => kv.Value is null ? kv.Key : $"{kv.Key}={kv.Value}");
        merged["label"] = [.. merged.GetValueOrDefault("label") ?? [], .. labelValues];
        return merged;
    }
}
