using System.Text;

namespace ServerConfig;

/// <summary>One <c>key = value</c> line of a server.conf, resolved against the table.</summary>
public sealed record ConfigEntry(Setting Setting, string Raw, int Line);

/// <summary>Reads and renders server.conf: <c>key = value</c> lines, <c>#</c> comments, optional double quotes.</summary>
public static class ServerConfigFile
{
    public const string FileName = "server.conf";

    /// <summary>Parses the text; every malformed, unknown or repeated line is an error naming file and line.</summary>
    public static IReadOnlyList<ConfigEntry> Parse(string text, string displayName, List<string> errors)
    {
        var entries = new List<ConfigEntry>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                errors.Add($"{displayName}:{number}: malformed line '{line}' (expected key = value)");
                continue;
            }
            var key = line[..equals].Trim();
            var value = Unquote(line[(equals + 1)..].Trim(), out var quoteError);
            if (SettingsTable.Find(key) is not { } setting)
                errors.Add($"{displayName}:{number}: {key}: unknown setting ({SettingsTable.Suggest(key)})");
            else if (quoteError is not null)
                errors.Add($"{displayName}:{number}: {key}: {quoteError}");
            else if (entries.FirstOrDefault(e => e.Setting == setting) is { } first)
                errors.Add($"{displayName}:{number}: {key}: set twice, first on line {first.Line} (expected each key once)");
            else
                entries.Add(new ConfigEntry(setting, value, number));
        }
        return entries;
    }

    // A value is taken literally inside double quotes, and only a comment may follow them;
    // otherwise a # after a space or a tab starts a trailing comment.
    private static string Unquote(string value, out string? error)
    {
        error = null;
        if (value.StartsWith('"'))
        {
            var end = value.IndexOf('"', 1);
            if (end < 0) { error = "unterminated quote (expected \"value\")"; return value; }
            var rest = value[(end + 1)..].TrimStart();
            if (rest.Length > 0 && !rest.StartsWith('#'))
                error = $"unexpected '{rest}' after the closing quote (expected only a # comment after \"value\")";
            return value[1..end];
        }
        for (var i = 1; i < value.Length; i++)
            if (value[i] == '#' && char.IsWhiteSpace(value[i - 1])) return value[..i].Trim();
        return value.Trim();
    }

    /// <summary>The last line of a rendered file; a file whose text does not match it was edited by hand.</summary>
    public const string ChecksumPrefix = "# checksum: ";

    /// <summary>Deterministic server.conf for <paramref name="settings"/>: header (with the <paramref name="origin"/>
    /// comment lines of whoever renders it, e.g. the build), every key with its doc, and a checksum line that reveals
    /// hand edits.</summary>
    public static string Render(ServerSettings settings, IEnumerable<string>? origin = null)
    {
        var text = new StringBuilder("# server.conf: settings of the CreditRobot server (the gunicorn.conf.py counterpart).\n");
        foreach (var line in origin ?? [])
            text.Append($"# {line}\n");
        text.Append("""
            # Override at run time: SERVER_<KEY> variables, PORT (port of bind), WEB_CONCURRENCY (workers),
            # or --<key> flags. Precedence: default < this file < environment < command line.

            """);
        foreach (var setting in SettingsTable.All)
        {
            text.Append('\n');
            text.Append($"# {setting.Doc}\n");
            text.Append($"# Expected: {setting.Expected}. Default: {Show(setting.DefaultText)}. Variable: {setting.EnvironmentVariable}.\n");
            var value = setting.Format(settings);
            text.Append(value.Length == 0 ? $"{setting.Name} =\n" : $"{setting.Name} = {value}\n");
        }
        text.Append('\n');
        var checksum = Checksum(text.ToString());
        return text.Append(ChecksumPrefix).Append(checksum).Append('\n').ToString();
    }

    /// <summary>Whether <paramref name="text"/> ends in the checksum of everything above it (false: edited by hand,
    /// or written before checksums existed).</summary>
    public static bool HasValidChecksum(string text)
    {
        text = text.Replace("\r\n", "\n");
        var at = text.LastIndexOf("\n" + ChecksumPrefix, StringComparison.Ordinal);
        return at >= 0 && text[(at + 1 + ChecksumPrefix.Length)..].TrimEnd('\n') == Checksum(text[..(at + 1)]);
    }

    private static string Checksum(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>Writes the rendered file; false (and the file untouched) when it already had exactly that text.</summary>
    public static bool Write(string path, ServerSettings settings)
    {
        var text = Render(settings);
        if (File.Exists(path) && File.ReadAllText(path) == text) return false;
        File.WriteAllText(path, text);
        return true;
    }

    /// <summary>Renders the defaults with <paramref name="overrides"/> (key → raw value) applied, validated by the table.</summary>
    public static string Render(IReadOnlyDictionary<string, string> overrides) => Render(Apply(ServerSettings.Defaults, overrides));

    /// <summary>Applies raw values by key, e.g. from build parameters; every bad one is reported.</summary>
    public static ServerSettings Apply(ServerSettings settings, IReadOnlyDictionary<string, string> overrides)
    {
        var errors = new List<string>();
        foreach (var (key, raw) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (SettingsTable.Find(key) is not { } setting)
            {
                errors.Add($"{key}: unknown setting ({SettingsTable.Suggest(key)})");
                continue;
            }
            var applied = setting.Apply(settings, raw);
            if (applied.Error is null) settings = applied.Value;
            else errors.Add($"{key}: {applied.Error}");
        }
        return errors.Count == 0 ? settings : throw new ServerConfigException(errors);
    }

    private static string Show(string value) => value.Length == 0 ? "empty" : value;
}
