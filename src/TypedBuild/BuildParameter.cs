using System.Reflection;

namespace TypedBuild;

/// <summary>A <c>[Parameter]</c> field or property of the build class.</summary>
public sealed class BuildParameter
{
    private readonly MemberInfo _member;

    internal BuildParameter(MemberInfo member, ParameterAttribute attribute, bool isSecret, object? defaultValue)
    {
        _member = member;
        Name = member.Name;
        Description = attribute.Description;
        IsSecret = isSecret;
        DefaultValue = defaultValue;
        ValueType = member switch
        {
            FieldInfo f => f.FieldType,
            PropertyInfo p => p.PropertyType,
            _ => throw new ArgumentException($"Unsupported member {member.Name}", nameof(member)),
        };
        OptionName = Naming.ToKebabCase(Name);
        EnvironmentVariable = Naming.ToUpperSnakeCase(Name);
    }

    /// <summary>Member name; also the key in <c>.nuke/parameters.json</c>.</summary>
    public string Name { get; }

    /// <summary>Command line option without the dashes: <c>docker-host</c>.</summary>
    public string OptionName { get; }

    public string EnvironmentVariable { get; }
    public string Description { get; }
    public bool IsSecret { get; }
    public Type ValueType { get; }
    public object? DefaultValue { get; }

    /// <summary>Type shown in <c>--help</c>: <c>string</c>, <c>Debug|Release</c>, <c>string[]</c>, …</summary>
    public string TypeDisplay => ValueConverter.Describe(ValueType);

    internal object? GetValue(object build) => _member switch
    {
        FieldInfo f => f.GetValue(build),
        PropertyInfo p => p.GetValue(build),
        _ => null,
    };

    internal void SetValue(object build, object? value)
    {
        switch (_member)
        {
            case FieldInfo f:
                f.SetValue(build, value);
                break;
            case PropertyInfo p:
                p.SetValue(build, value);
                break;
        }
    }

    public override string ToString() => Name;
}
