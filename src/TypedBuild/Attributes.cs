namespace TypedBuild;

/// <summary>
/// A build parameter. Sources, highest first: <c>--kebab-case value</c> on the command line, the environment
/// variable <c>UPPER_SNAKE_CASE</c> of the member name, <c>.nuke/parameters.json</c> (key = member name),
/// the member's initial value.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>The parameter's name when the member's cannot be it (e.g. <c>Image</c> beside a target named Image); null: the member's.</summary>
    public string? Name { get; init; }
}

/// <summary>The parameter's value is never printed: every output path replaces it with <c>***</c>.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
