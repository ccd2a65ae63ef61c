namespace ServerConfig;

public enum RunMode { Serve, HealthCheck, CheckConfig, Help }

/// <summary>A setting given on the command line, e.g. <c>--bind 0.0.0.0:80</c>.</summary>
public sealed record Override(Setting Setting, string Raw, ValueSource Source);

/// <summary>What the process was asked to do, with which config file and which setting flags.</summary>
public sealed record CommandLineArgs(RunMode Mode, string? ConfigPath, IReadOnlyList<Override> Overrides)
{
    public static CommandLineArgs Parse(IReadOnlyList<string> args) => CommandLine.Parse(args);
}

/// <summary>
/// <c>--config PATH</c> (<c>-c</c>), <c>--healthcheck</c>, <c>--check-config</c>, <c>--help</c>, and one
/// <c>--key-name VALUE</c> (or <c>--key-name=VALUE</c>) flag per setting of the table, plus Gunicorn's spellings
/// of them (<c>-w 4</c>, <c>-w4</c>, <c>--keep-alive 5</c>, <c>--preload</c>). Gunicorn's other options are refused
/// with what they mean here.
/// </summary>
public static class CommandLine
{
    private static readonly string[] ModeFlags = ["--config", "-c", "--healthcheck", "--check-config", "--help", "-h"];

    private static IEnumerable<string> KnownFlags =>
        SettingsTable.All.SelectMany(s => s.GunicornFlags.Prepend(s.Flag)).Concat(ModeFlags);

    public static CommandLineArgs Parse(IReadOnlyList<string> args) => Parse(args, origin: null);

    /// <summary><paramref name="origin"/>: null for the process's own arguments, else the variable they came from
    /// (<c>GUNICORN_CMD_ARGS</c>), which may carry settings and --config but not a mode.</summary>
    public static CommandLineArgs Parse(IReadOnlyList<string> args, string? origin)
    {
        var mode = RunMode.Serve;
        string? config = null;
        var overrides = new List<Override>();
        var errors = new List<string>();
        var prefix = origin is null ? "" : $"{origin}: ";
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            var setting = SettingsTable.All.FirstOrDefault(s => s.Flag == flag || s.GunicornFlags.Contains(flag));
            RunMode? asked = flag switch
            {
                "--healthcheck" => RunMode.HealthCheck,
                "--check-config" => RunMode.CheckConfig,
                "--help" or "-h" => RunMode.Help,
                _ => null,
            };
            if (asked is { } m)
            {
                if (origin is null) mode = m;
                else errors.Add($"{prefix}{flag}: not taken from {origin} (expected settings there; give {flag} on the command line)");
                continue;
            }
            if (flag is not ("--config" or "-c") && setting is null)
            {
                errors.Add(prefix + Unknown(flag, args[i]));
                var takesValue = GunicornOnlySettings.FindFlag(flag)?.TakesValue ?? true;
                if (takesValue && inline is null && i + 1 < args.Count && !args[i + 1].StartsWith('-')) i++; // its value, not another error
                continue;
            }
            if (setting is { IsSwitch: true } && setting.GunicornFlags.Contains(flag) && inline is null)
            {
                overrides.Add(new Override(setting, "true", Source(flag)));
                continue;
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                errors.Add($"{prefix}{flag}: missing value (expected {(setting is null ? "a file path" : setting.Expected)})");
                continue;
            }
            if (setting is null) config = value;
            else overrides.Add(new Override(setting, value, Source(flag)));
        }
        return errors.Count == 0 ? new CommandLineArgs(mode, config, overrides) : throw new ServerConfigException(errors);

        ValueSource Source(string flag) => origin is null
            ? new ValueSource(SourceKind.CommandLine, flag)
            : new ValueSource(SourceKind.Environment, $"{origin} {flag}");
    }

    // --name=value, -w4 (Gunicorn's short options take their value attached, as argparse does), or the flag alone.
    private static (string Flag, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=');
        if (arg.StartsWith("--", StringComparison.Ordinal))
            return equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
        if (arg.Length > 2 && arg[0] == '-' && KnownFlags.Contains(arg[..2]))
            return (arg[..2], arg[2..].TrimStart('='));
        return (arg, null);
    }

    private static string Unknown(string flag, string arg)
    {
        if (!arg.StartsWith('-'))
            return $"'{arg}': unexpected argument (Gunicorn's APP_MODULE has no counterpart: the app is compiled in; expected only options, see --help)";
        if (GunicornOnlySettings.FindFlag(flag) is { } gunicorn)
            return $"{flag}: Gunicorn's {gunicorn.Name} is not an option here: {gunicorn.Meaning}";
        var near = Suggestions.DidYouMean.Closest(flag, KnownFlags.Concat(GunicornOnlySettings.All.SelectMany(g => g.Flags)), max: 1).FirstOrDefault();
        return $"{flag}: unknown option ({(near is null ? "see --help" : $"did you mean {near}?")})";
    }
}
