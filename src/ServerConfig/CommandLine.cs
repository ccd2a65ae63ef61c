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
/// <c>--config PATH</c>, <c>--healthcheck</c>, <c>--check-config</c>, <c>--help</c>, and one
/// <c>--key-name VALUE</c> (or <c>--key-name=VALUE</c>) flag per setting of the table.
/// </summary>
public static class CommandLine
{
    private static readonly string[] ModeFlags = ["--config", "--healthcheck", "--check-config", "--help"];

    public static CommandLineArgs Parse(IReadOnlyList<string> args)
    {
        var mode = RunMode.Serve;
        string? config = null;
        var overrides = new List<Override>();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=');
            var flag = equals > 0 ? arg[..equals] : arg;
            string? inline = equals > 0 ? arg[(equals + 1)..] : null;
            switch (flag)
            {
                case "--healthcheck": mode = RunMode.HealthCheck; continue;
                case "--check-config": mode = RunMode.CheckConfig; continue;
                case "--help" or "-h": mode = RunMode.Help; continue;
            }
            var setting = SettingsTable.All.FirstOrDefault(s => s.Flag == flag);
            if (flag != "--config" && setting is null)
            {
                var near = Suggestions.DidYouMean.Closest(flag, SettingsTable.All.Select(s => s.Flag).Concat(ModeFlags), max: 1).FirstOrDefault();
                errors.Add($"{flag}: unknown option ({(near is null ? "see --help" : $"did you mean {near}?")})");
                if (inline is null && i + 1 < args.Count && !args[i + 1].StartsWith('-')) i++; // its value, not another error
                continue;
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                errors.Add($"{flag}: missing value (expected {(setting is null ? "a file path" : setting.Expected)})");
                continue;
            }
            if (setting is null) config = value;
            else overrides.Add(new Override(setting, value, new ValueSource(SourceKind.CommandLine, flag)));
        }
        return errors.Count == 0 ? new CommandLineArgs(mode, config, overrides) : throw new ServerConfigException(errors);
    }
}
