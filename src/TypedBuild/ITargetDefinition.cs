using System.Runtime.CompilerServices;

namespace TypedBuild;

/// <summary>The fluent surface used inside a <see cref="Target"/> declaration.</summary>
public interface ITargetDefinition
{
    /// <summary>One line shown in <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>These targets run first (and are pulled into the plan).</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Ordering only: if both are planned, this target runs before them.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Ordering only: if both are planned, this target runs after them.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Pulls these targets into the plan and runs them after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Evaluated right before the target runs; when false the target is skipped and the
    /// condition's source text is shown as the reason.</summary>
    ITargetDefinition OnlyWhen(Func<bool> condition,
        [CallerArgumentExpression(nameof(condition))] string? reason = null);

    /// <summary>The value (usually a parameter, <c>() => ApiKey</c>) must be set. Checked for every
    /// planned target before any target runs.</summary>
    ITargetDefinition Requires(Func<object?> value,
        [CallerArgumentExpression(nameof(value))] string? expression = null);

    /// <summary>The tool must be found on PATH. Checked before any target runs.</summary>
    ITargetDefinition RequiresTool(string name);

    /// <summary>When this target fails, the remaining targets still run (the build still fails).</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even when an earlier target failed.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c> (still invocable).</summary>
    ITargetDefinition Unlisted();

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition Executes(Func<CancellationToken, Task> action);
}
