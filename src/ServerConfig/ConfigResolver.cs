namespace ServerConfig;

/// <summary>
/// default &lt; file &lt; environment &lt; command line. Within the environment the platform conventions
/// (<c>WEB_CONCURRENCY</c>, <c>PORT</c>) come first and the explicit <c>SERVER_&lt;KEY&gt;</c> variables win.
/// Every problem found is reported together; nothing is silently ignored.
/// </summary>
public static class ConfigResolver
{
    public const string EnvironmentPrefix = "SERVER_";

    /// <summary>Resolves from the real process: its arguments, environment and working directory.</summary>
    public static ResolvedSettings Resolve(CommandLineArgs cli) =>
        Resolve(cli, ReadEnvironment(), [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    public static ResolvedSettings Resolve(
        CommandLineArgs cli,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<string> searchDirectories)
    {
        var errors = new List<string>();
        var settings = ServerSettings.Defaults;
        var sources = new Dictionary<string, ValueSource>();
        var ignored = new List<string>();

        void Set(Setting setting, string raw, ValueSource source, string where)
        {
            var applied = setting.Apply(settings, raw);
            if (applied.Error is not null)
            {
                errors.Add($"{where}: {setting.Name}: {applied.Error}");
                return;
            }
            settings = applied.Value;
            sources[setting.Name] = source;
        }

        var file = FindFile(cli.ConfigPath, searchDirectories, errors);
        if (file is not null)
        {
            var display = cli.ConfigPath ?? ServerConfigFile.FileName;
            foreach (var entry in ServerConfigFile.Parse(ReadFile(file, display, errors), display, errors))
                Set(entry.Setting, entry.Raw, new ValueSource(SourceKind.File, $"{display}:{entry.Line}"), $"{display}:{entry.Line}");
        }

        if (environment.TryGetValue("WEB_CONCURRENCY", out var concurrency))
            Set(SettingsTable.Get("workers"), concurrency, Env("WEB_CONCURRENCY"), "WEB_CONCURRENCY");
        if (environment.TryGetValue("PORT", out var port))
            ApplyPort(port);
        foreach (var (name, raw) in environment.Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
                     .OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var setting = SettingsTable.All.FirstOrDefault(s => s.EnvironmentVariable == name);
            if (setting is null && ServiceLinks.IsServiceLink(name, raw))
            {
                ignored.Add(name);
                continue;
            }
            if (name == "SERVER_PORT")
            {
                errors.Add($"SERVER_PORT: not a setting variable (expected PORT={raw} for the port, or SERVER_BIND=HOST:PORT; " +
                           "only a Kubernetes service link, tcp://IP:PORT, is ignored here)");
                continue;
            }
            if (setting is null)
            {
                var near = Suggestions.DidYouMean.Closest(name, SettingsTable.All.Select(s => s.EnvironmentVariable), max: 1).FirstOrDefault();
                errors.Add($"{name}: unknown setting variable ({(near is null ? "expected SERVER_<KEY> for a key of server.conf" : $"did you mean {near}?")})");
                continue;
            }
            Set(setting, raw, Env(name), name);
        }

        foreach (var flag in cli.Overrides)
            Set(flag.Setting, flag.Raw, flag.Source, flag.Source.Where);

        CheckCombinations(settings, sources, errors);
        return errors.Count == 0
            ? new ResolvedSettings(settings, sources, file) { IgnoredVariables = ignored }
            : throw new ServerConfigException(errors);

        void ApplyPort(string raw)
        {
            var parsed = ValueParsers.Port(raw);
            if (parsed.Error is not null)
            {
                errors.Add($"PORT: bind: {parsed.Error}");
                return;
            }
            var fromFile = sources.TryGetValue("bind", out var earlier) ? $"{earlier}, " : "";
            settings = settings with { Port = parsed.Value };
            sources["bind"] = new ValueSource(SourceKind.Environment, fromFile + "PORT");
        }
    }

    private static ValueSource Env(string name) => new(SourceKind.Environment, name);

    // Rules between settings, checked once every source has been applied (each source alone may be fine).
    private static void CheckCombinations(ServerSettings settings, Dictionary<string, ValueSource> sources, List<string> errors)
    {
        string Where(string key) => (sources.GetValueOrDefault(key) ?? ValueSource.Default).Where;
        foreach (var (keys, problem) in SettingsRules.Check(settings))
            errors.Add($"{string.Join(", ", keys.Select(Where))}: {problem}");
    }

    // Read errors (permissions, a directory) are configuration errors naming the file, not a crash.
    private static string ReadFile(string path, string display, List<string> errors)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{display}: cannot read {Path.GetFullPath(path)}: {e.Message} (expected a file this user can read; check its owner and mode)");
            return "";
        }
    }

    // An explicit --config must exist; without one, server.conf is looked up in the working
    // directory and then next to the binary, and running on defaults is allowed (and logged).
    private static string? FindFile(string? explicitPath, IReadOnlyList<string> searchDirectories, List<string> errors)
    {
        if (explicitPath is not null)
        {
            if (File.Exists(explicitPath)) return explicitPath;
            errors.Add($"{explicitPath}: file not found at {Path.GetFullPath(explicitPath)} (expected a readable server.conf; check --config)");
            return null;
        }
        return searchDirectories.Select(d => Path.Combine(d, ServerConfigFile.FileName)).FirstOrDefault(File.Exists);
    }

    public static IReadOnlyDictionary<string, string> ReadEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
