namespace ServerConfig;

/// <summary>The effective settings and, for each key, where its value came from.</summary>
public sealed record ResolvedSettings(
    ServerSettings Settings,
    IReadOnlyDictionary<string, ValueSource> Sources,
    string? ConfigFile)
{
    /// <summary>Kubernetes service-link variables that look like ours and were ignored (see <see cref="ServiceLinks"/>).</summary>
    public IReadOnlyList<string> IgnoredVariables { get; init; } = [];

    public ValueSource SourceOf(string key) => Sources.GetValueOrDefault(key) ?? ValueSource.Default;

    /// <summary>One line for the startup log: every key, and for values other than the default where they came from.</summary>
    public string Describe() => string.Join(' ', SettingsTable.All.Select(setting =>
    {
        var value = setting.Format(Settings);
        var shown = value.Length == 0 || value.Contains(' ') ? $"\"{value}\"" : value;
        var source = SourceOf(setting.Name);
        return value == setting.DefaultText ? $"{setting.Name}={shown}" : $"{setting.Name}={shown} ({source})";
    }));
}
