using System.Reflection;

namespace TypedBuild;

/// <summary>A <c>[Parameter]</c> field or property of the build class, or one entry of a <see cref="ParameterGroup"/>.</summary>
public sealed class BuildParameter
{
    private readonly Func<object, object?> _get;
    private readonly Action<object, IReadOnlyList<string>, string> _bind;

    private BuildParameter(string name, string description, bool isSecret, object? defaultValue, Type valueType,
        IReadOnlyList<string> choices, Func<object, object?> get, Action<object, IReadOnlyList<string>, string> bind)
    {
        Name = name;
        Description = description;
        IsSecret = isSecret;
        DefaultValue = defaultValue;
        ValueType = valueType;
        Choices = choices;
        _get = get;
        _bind = bind;
        OptionName = Naming.ToKebabCase(Name);
        EnvironmentVariable = Naming.ToUpperSnakeCase(Name);
    }

    internal static BuildParameter ForMember(MemberInfo member, ParameterAttribute attribute, bool isSecret, object? defaultValue)
    {
        var (type, get, set) = member switch
        {
            FieldInfo f => (f.FieldType, (Func<object, object?>)f.GetValue, (Action<object, object?>)f.SetValue),
            PropertyInfo p => (p.PropertyType, p.GetValue, p.SetValue),
            _ => throw new ArgumentException($"Unsupported member {member.Name}", nameof(member)),
        };
        return new BuildParameter(attribute.Name ?? member.Name, attribute.Description, isSecret, defaultValue, type, [], get,
            (build, values, root) => set(build, ValueConverter.Convert(type, values, root)));
    }

    /// <summary><c>Conf</c> + <c>graceful_timeout</c> → <c>ConfGracefulTimeout</c> (<c>--conf-graceful-timeout</c>, <c>CONF_GRACEFUL_TIMEOUT</c>).</summary>
    internal static BuildParameter ForGroupMember(string prefix, ParameterGroup.GroupMember member) =>
        new(prefix + Naming.ToPascalCase(member.Key), member.Description, isSecret: false, member.DefaultText, member.ValueType,
            member.Choices, _ => member.Current(), (_, values, _) =>
            {
                if (values.Count != 1)
                    throw new FormatException($"expected a single value, got {values.Count}");
                member.Apply(values[0]);
            });

    /// <summary>Member name; also the key in <c>.nuke/parameters.json</c>.</summary>
    public string Name { get; }

    /// <summary>Command line option without the dashes: <c>docker-host</c>.</summary>
    public string OptionName { get; }

    public string EnvironmentVariable { get; }
    public string Description { get; }
    public bool IsSecret { get; }
    public Type ValueType { get; }
    public object? DefaultValue { get; }

    /// <summary>The only values accepted (a group entry's choices); empty: as the type says.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>Type shown in <c>--help</c>: <c>string</c>, <c>Debug|Release</c>, <c>string[]</c>, …</summary>
    public string TypeDisplay => Choices.Count > 0 ? string.Join("|", Choices) : ValueConverter.Describe(ValueType);

    internal object? GetValue(object build) => _get(build);

    /// <summary>Converts and assigns raw values.</summary>
    /// <exception cref="FormatException">The message says what was expected; the caller adds where.</exception>
    internal void Bind(object build, IReadOnlyList<string> values, string rootDirectory) => _bind(build, values, rootDirectory);

    public override string ToString() => Name;
}
