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
                .Select(v => $"`-e {v}=…`").Append($"`{s.Flag} …`"));
            var value = s.DefaultText.Length == 0 ? "(empty)" : $"`{s.DefaultText}`";
            text.Append($"| {gunicorn} | `{s.Name}` | {value} | {s.Effect.Replace("|", "\\|")} | {overrides} |\n");
        }
        return text.ToString();
    }

    public static string HelpText(string program)
    {
        var text = new StringBuilder();
        text.Append($"Usage: {program} [--config server.conf] [--<key> VALUE]... [--healthcheck | --check-config | --help]\n\n");
        text.Append("  --config PATH     settings file (default: server.conf in the working directory, then next to the binary)\n");
        text.Append("  --healthcheck     GET /healthz on the configured port; exit 0 when healthy, 1 otherwise\n");
        text.Append("  --check-config    validate the settings, print the effective values, exit 0 (or 2 on errors)\n\n");
        text.Append("Settings (precedence: default < file < environment < command line):\n");
        foreach (var s in SettingsTable.All)
        {
            var variables = string.Join(", ", new[] { s.EnvironmentVariable }.Concat(s.PlatformVariables));
            text.Append($"  {s.Flag,-28} {s.Doc}\n");
            text.Append($"  {"",-28} {s.Expected}; default {(s.DefaultText.Length == 0 ? "empty" : s.DefaultText)}; env {variables}\n");
        }
        text.Append("\nExit codes: 0 ok, 1 runtime failure (e.g. port in use, unhealthy), 2 bad settings or usage.\n");
        return text.ToString();
    }
}
