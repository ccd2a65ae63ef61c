namespace TypedBuild;

/// <summary>
/// One key of a <see cref="ParameterGroup{TSettings}"/>: how the settings object's own table parses, formats and
/// documents it. <paramref name="Apply"/> throws <see cref="FormatException"/> with the table's message for a bad value.
/// </summary>
/// <param name="Key">The settings key, e.g. <c>graceful_timeout</c> (the option is <c>--&lt;group&gt;-graceful-timeout</c>).</param>
/// <param name="ValueType">For <c>--help</c> and the schema: string, bool, int, long (enums: string with <see cref="Choices"/>).</param>
public sealed record GroupEntry<TSettings>(
    string Key,
    string Description,
    Type ValueType,
    Func<TSettings, string, TSettings> Apply,
    Func<TSettings, string> Format)
{
    /// <summary>The only values accepted (shown in --help, an <c>enum</c> in the schema); empty: any.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
}

/// <summary>Untyped view of a group, for the engine.</summary>
public abstract class ParameterGroup
{
    internal abstract IReadOnlyList<GroupMember> Members { get; }

    /// <summary>Rules between keys, checked once every source was applied; each message names its options.</summary>
    internal abstract IReadOnlyList<string> CheckCombinations(Func<string, string> option);

    internal sealed record GroupMember(string Key, string Description, Type ValueType, IReadOnlyList<string> Choices,
        string DefaultText, Func<string> Current, Action<string> Apply);
}

/// <summary>
/// Build parameters bound to a typed settings object, one per entry of the settings' own table (NUKE has
/// <c>[ParameterPrefix]</c> for the naming; here the table also brings its parsers). Declared as a field whose name
/// is the prefix:
/// <code>
/// readonly ParameterGroup&lt;ServerSettings&gt; Conf = new(ServerSettings.Defaults, entries);
/// </code>
/// gives <c>--conf-&lt;key&gt;</c>, environment <c>CONF_&lt;KEY&gt;</c> (or <c>NUKE_CONF_&lt;KEY&gt;</c>), parameters.json
/// <c>Conf&lt;Key&gt;</c>, rows in <c>--help</c>, <c>--plan</c> and <c>.nuke/build.schema.json</c>. A value the table refuses is
/// a usage error (exit 2) before any target runs; <see cref="Value"/> is the typed result.
/// </summary>
public sealed class ParameterGroup<TSettings>(
    TSettings defaults,
    IEnumerable<GroupEntry<TSettings>> entries,
    Func<TSettings, IEnumerable<(IReadOnlyList<string> Keys, string Problem)>>? combinations = null) : ParameterGroup
{
    private readonly IReadOnlyList<GroupEntry<TSettings>> _entries = entries.ToList();

    /// <summary>The defaults with every given value applied (after the build started).</summary>
    public TSettings Value { get; private set; } = defaults;

    public TSettings Defaults { get; } = defaults;

    internal override IReadOnlyList<GroupMember> Members => _entries
        .Select(e => new GroupMember(e.Key, e.Description, e.ValueType, e.Choices, e.Format(Defaults),
            () => e.Format(Value), raw => Value = e.Apply(Value, raw)))
        .ToList();

    internal override IReadOnlyList<string> CheckCombinations(Func<string, string> option) =>
        combinations is null ? [] : combinations(Value).Select(c => $"{string.Join(", ", c.Keys.Select(option))}: {c.Problem}").ToList();
}
