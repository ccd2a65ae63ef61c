namespace ServerConfig;

/// <summary>
/// One entry of the declarative table: everything the parser, validator, overrides, renderer,
/// <c>--help</c> and the README table need to know about a setting.
/// </summary>
public abstract class Setting
{
    protected Setting(string name, string gunicorn, string expected, string doc, string effect)
    {
        Name = name;
        Gunicorn = gunicorn;
        Expected = expected;
        Doc = doc;
        Effect = effect;
    }

    /// <summary>The key in server.conf, e.g. <c>graceful_timeout</c>.</summary>
    public string Name { get; }

    /// <summary>The gunicorn.conf.py key it replaces, or "—" when Gunicorn has none.</summary>
    public string Gunicorn { get; }

    /// <summary>Short description of valid values, e.g. "whole seconds 0-3600".</summary>
    public string Expected { get; }

    /// <summary>One line for the rendered file and --help.</summary>
    public string Doc { get; }

    /// <summary>What Kestrel / .NET really does with it (the README column).</summary>
    public string Effect { get; }

    public string EnvironmentVariable => "SERVER_" + Name.ToUpperInvariant();

    public string Flag => "--" + Name.Replace('_', '-');

    /// <summary>Other variables that also set this key (platform conventions), lowest precedence first.</summary>
    public IReadOnlyList<string> PlatformVariables { get; init; } = [];

    /// <summary>Parses <paramref name="raw"/> into <paramref name="settings"/>; the error text on failure.</summary>
    public abstract Parsed<ServerSettings> Apply(ServerSettings settings, string raw);

    /// <summary>The value as it is written in server.conf.</summary>
    public abstract string Format(ServerSettings settings);

    public string DefaultText => Format(ServerSettings.Defaults);

    /// <summary>The typed value's type (int, long, bool, string, an enum, <see cref="BindAddress"/>).</summary>
    public abstract Type ValueType { get; }
}

/// <summary>A setting of type <typeparamref name="T"/> with its parser, formatter and record accessors.</summary>
public sealed class Setting<T>(
    string name,
    string gunicorn,
    string expected,
    Func<string, Parsed<T>> parse,
    Func<T, string> format,
    Func<ServerSettings, T> get,
    Func<ServerSettings, T, ServerSettings> set,
    string doc,
    string effect) : Setting(name, gunicorn, expected, doc, effect)
{
    public override Parsed<ServerSettings> Apply(ServerSettings settings, string raw)
    {
        var parsed = parse(raw);
        return parsed.Error is null ? Parsed<ServerSettings>.Ok(set(settings, parsed.Value)) : Parsed<ServerSettings>.Fail(parsed.Error);
    }

    public override string Format(ServerSettings settings) => format(get(settings));

    public override Type ValueType => typeof(T);
}
