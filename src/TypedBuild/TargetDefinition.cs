namespace TypedBuild;

/// <summary>Collects what one target declaration says; resolved into a <see cref="BuildTarget"/>.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> TriggeredTargets { get; } = [];
    public List<TargetCondition> Conditions { get; } = [];
    public List<TargetRequirement> Requirements { get; } = [];
    public List<string> RequiredTools { get; } = [];
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    public bool Proceed { get; private set; }
    public bool Assured { get; private set; }
    public bool IsUnlisted { get; private set; }

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }
    public ITargetDefinition DependsOn(params Target[] targets) { DependsOnTargets.AddRange(targets); return this; }
    public ITargetDefinition Before(params Target[] targets) { BeforeTargets.AddRange(targets); return this; }
    public ITargetDefinition After(params Target[] targets) { AfterTargets.AddRange(targets); return this; }
    public ITargetDefinition Triggers(params Target[] targets) { TriggeredTargets.AddRange(targets); return this; }

    public ITargetDefinition OnlyWhen(Func<bool> condition, string? reason = null)
    {
        Conditions.Add(new TargetCondition(condition, reason ?? "condition"));
        return this;
    }

    public ITargetDefinition Requires(Func<object?> value, string? expression = null)
    {
        Requirements.Add(new TargetRequirement(value, expression ?? "requirement"));
        return this;
    }

    public ITargetDefinition RequiresTool(string name) { RequiredTools.Add(name); return this; }
    public ITargetDefinition ProceedAfterFailure() { Proceed = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { Assured = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }

    public ITargetDefinition Executes(Action action)
    {
        Actions.Add(_ => { action(); return Task.CompletedTask; });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action) { Actions.Add(_ => action()); return this; }
    public ITargetDefinition Executes(Func<CancellationToken, Task> action) { Actions.Add(action); return this; }
}

internal sealed record TargetCondition(Func<bool> Condition, string Text);

internal sealed record TargetRequirement(Func<object?> Value, string Expression);
