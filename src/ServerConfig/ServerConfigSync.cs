namespace ServerConfig;

public enum ServerConfigState
{
    /// <summary>The file is what the settings render.</summary>
    UpToDate,
    /// <summary>Missing or rendered from other settings, and rewritten (local runs); <see cref="ServerConfigSyncResult.Message"/> says what changed.</summary>
    Written,
    /// <summary>Rendered from other settings, left alone because this is CI: the build must fail.</summary>
    Stale,
    /// <summary>Edited by hand: never overwritten; the message says which parameter to set instead.</summary>
    HandEdited,
}

public sealed record ServerConfigSyncResult(ServerConfigState State, string Message);

/// <summary>
/// Keeps the checked-in server.conf in step with the build's typed settings, as the workflows are kept in step
/// with their declarations: rewritten locally (with a message naming each value that changes, so a value given
/// once on the command line is not lost silently), a failure on CI, and a hand edit refused with the
/// parameters that would produce it.
/// </summary>
public static class ServerConfigSync
{
    public static ServerConfigSyncResult Sync(string path, ServerSettings settings, bool isCi)
    {
        var name = Path.GetFileName(path);
        var wanted = ServerConfigFile.Render(settings);
        var current = File.Exists(path) ? File.ReadAllText(path) : null;
        if (current == wanted)
            return new(ServerConfigState.UpToDate, $"{name} is up to date");

        var differences = current is null ? [] : Differences(current, name, settings);
        // A file without a checksum line predates checksums: stale, not hand-edited (its differences are listed).
        if (current is not null && current.Contains(ServerConfigFile.ChecksumPrefix, StringComparison.Ordinal) && !ServerConfigFile.HasValidChecksum(current))
        {
            var fixes = differences.Count == 0
                ? "the comments or layout changed; nothing to carry over"
                : string.Join("; ", differences.Select(d => $"{d.Where} {d.Key} = {Show(d.InFile)}: set {d.Option} {Show(d.InFile)} (.nuke/parameters.json: \"{d.Parameter}\": {Json(d.InFile)})"));
            return new(ServerConfigState.HandEdited,
                $"{name} was edited by hand (its checksum line no longer matches): {fixes}. It is generated; put the values in " +
                $".nuke/parameters.json or pass them as parameters, then restore the file (git checkout {name}) and run ./build.sh ServerConfig.");
        }

        var changes = current is null ? "it was missing"
            : differences.Count == 0 ? "only its comments change"
            : string.Join("; ", differences.Select(d => $"{d.Key} {Show(d.InFile)} → {Show(d.Rendered)}"));
        if (isCi)
            return new(ServerConfigState.Stale,
                $"{name} is stale ({changes}): it was rendered from other parameters than this run's. Run ./build.sh ServerConfig " +
                "with the parameters in .nuke/parameters.json locally and commit the result.");

        File.WriteAllText(path, wanted);
        // A value given once on the command line is undone by the next plain run: say how to make it last,
        // and how to get back a value this run resets to its default.
        var keep = differences.Count == 0 ? "" :
            " Parameters are the source of truth; to make a value last, put it in .nuke/parameters.json: " +
            string.Join(", ", differences.Select(d => $"\"{d.Parameter}\": {Json(d.Rendered != d.Default ? d.Rendered : d.InFile)}")) + ".";
        return new(ServerConfigState.Written, $"{name} rewritten ({changes}); commit it.{keep}");
    }

    private sealed record Difference(string Key, string Where, string InFile, string Rendered, string Default, string Option, string Parameter);

    private static List<Difference> Differences(string current, string name, ServerSettings settings)
    {
        var errors = new List<string>();
        var entries = ServerConfigFile.Parse(current, name, errors).ToDictionary(e => e.Setting);
        return SettingsTable.All
            .Select(s => (Setting: s, Entry: entries.GetValueOrDefault(s), Rendered: s.Format(settings)))
            .Where(x => x.Entry?.Raw != x.Rendered)
            .Select(x => new Difference(x.Setting.Name, x.Entry is null ? $"{name}: (missing)" : $"{name}:{x.Entry.Line}:",
                x.Entry?.Raw ?? x.Setting.DefaultText, x.Rendered, x.Setting.DefaultText, ServerConfigFile.BuildOption(x.Setting), ServerConfigFile.BuildParameter(x.Setting)))
            .ToList();
    }

    private static string Show(string value) => value.Length == 0 ? "(empty)" : value;

    private static string Json(string value) =>
        long.TryParse(value, out _) || value is "true" or "false" ? value : System.Text.Json.JsonSerializer.Serialize(value);
}
