namespace TypedBuild;

/// <summary>
/// A target, declared as a property of the build class:
/// <c>Target Compile => _ => _.DependsOn(Restore).Executes(...)</c>.
/// The engine identifies a target by the method behind the delegate, so the property may return a new
/// delegate instance on every read.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition _);
