namespace TypedBuild;

/// <summary>A resolved target: what <c>--help</c>, the planner, the runner and (later) the CI workflow
/// writer read.</summary>
public sealed class BuildTarget
{
    internal BuildTarget(string name, int index, TargetDefinition definition)
    {
        Name = name;
        Index = index;
        Definition = definition;
    }

    public string Name { get; }

    /// <summary>Declaration order; the planner's tie-breaker.</summary>
    public int Index { get; }

    public string? Description => Definition.DescriptionText;
    public bool IsDefault { get; internal set; }
    public bool IsUnlisted => Definition.IsUnlisted;
    public bool ProceedAfterFailure => Definition.Proceed;
    public bool AssuredAfterFailure => Definition.Assured;
    public IReadOnlyList<BuildTarget> DependsOn { get; internal set; } = [];
    public IReadOnlyList<BuildTarget> Before { get; internal set; } = [];
    public IReadOnlyList<BuildTarget> After { get; internal set; } = [];
    public IReadOnlyList<BuildTarget> Triggers { get; internal set; } = [];
    public IReadOnlyList<string> RequiredTools => Definition.RequiredTools;

    internal TargetDefinition Definition { get; }

    public override string ToString() => Name;
}
