using System.Text;

namespace ServerConfig;

/// <summary>The README table and the --help text, both generated from <see cref="SettingsTable"/>.</summary>
public static class SettingsDocs
{
    public static string MarkdownTable()
    {
        var text = new StringBuilder();
        text.Append("| gunicorn.conf.py | server.conf | default | what Kestrel / .NET does | override at `docker run` |\n");
        text.Append("| --- | --- | --- | --- | --- |\n");
        foreach (var s in SettingsTable.All)
        {
            var gunicorn = s.Gunicorn == "—" ? "—" : $"`{s.Gunicorn}`";
            var overrides = string.Join(", ", new[] { s.EnvironmentVariable }.Concat(s.PlatformVariables)
                .Select(v => $"`-e {v}=…`").Append($"`{s.Flag} …`").Concat(s.GunicornFlags.Select(f => s.IsSwitch ? $"`{f}`" : $"`{f} …`")).Distinct());
            var value = s.DefaultText.Length == 0 ? "(empty)" : $"`{s.DefaultText}`";
            text.Append($"| {gunicorn} | `{s.Name}` | {value} | {s.Effect.Replace("|", "\\|")} | {overrides} |\n");
        }
        return text.ToString();
    }

    /// <summary>docs/gunicorn.md's table: every Gunicorn 21.2 setting, supported (with its flags) or what it means here.</summary>
    public static string GunicornTable()
    {
        var text = new StringBuilder();
        text.Append("| Gunicorn setting | flags (accepted here when supported) | server.conf key | how / why not |\n");
        text.Append("| --- | --- | --- | --- |\n");
        var supported = SettingsTable.All.Where(s => s.Gunicorn != "—")
            .Select(s => (Name: s.Gunicorn, Flags: s.GunicornFlags.Prepend(s.Flag).Distinct(), Here: $"`{s.Name}`", How: s.Effect));
        var others = GunicornOnlySettings.All
            .Select(g => (g.Name, Flags: (IEnumerable<string>)g.Flags, Here: "—", How: g.Meaning));
        foreach (var row in supported.Concat(others).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var flags = string.Join(", ", row.Flags.Select(f => $"`{f}`"));
            text.Append($"| `{row.Name}` | {(flags.Length == 0 ? "—" : flags)} | {row.Here} | {row.How.Replace("|", "\\|")} |\n");
        }
        return text.ToString();
    }

    public static string HelpText(string program)
    {
        var text = new StringBuilder();
        text.Append($"Usage: {program} [--config server.conf] [--<key> VALUE]... [--healthcheck | --check-config | --help]\n\n");
        text.Append("  --config PATH, -c settings file (default: server.conf in the working directory, then next to the binary)\n");
        text.Append("  --healthcheck     GET /healthz on the configured port; exit 0 when healthy, 1 otherwise\n");
        text.Append("  --check-config    validate the settings, print the effective values, exit 0 (or 2 on errors)\n\n");
        text.Append("Settings (precedence: default < file < environment < GUNICORN_CMD_ARGS < command line):\n");
        foreach (var s in SettingsTable.All)
        {
            var variables = string.Join(", ", new[] { s.EnvironmentVariable }.Concat(s.PlatformVariables));
            var flags = string.Join(", ", s.GunicornFlags.Prepend(s.Flag));
            text.Append(flags.Length <= 28 ? $"  {flags,-28} {s.Doc}\n" : $"  {flags}\n  {"",-28} {s.Doc}\n");
            text.Append($"  {"",-28} {s.Expected}; default {(s.DefaultText.Length == 0 ? "empty" : s.DefaultText)}; env {variables}\n");
        }
        text.Append("\nExit codes: 0 ok, 1 runtime failure (e.g. port in use, unhealthy), 2 bad settings or usage.\n");
        return text.ToString();
    }
}
