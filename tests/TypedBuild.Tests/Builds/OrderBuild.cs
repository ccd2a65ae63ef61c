namespace TypedBuild.Tests.Builds;

/// <summary>Lint is declared first but must run after Compile; Clean only orders itself before Restore.</summary>
internal sealed class OrderBuild : BuildScript
{
    public List<string> Ran { get; } = [];

    Target Lint => _ => _.After(Compile).Executes(() => Ran.Add(nameof(Lint)));
    Target Clean => _ => _.Description("Delete outputs").Before(Restore).Executes(() => Ran.Add(nameof(Clean)));
    Target Restore => _ => _.Executes(() => Ran.Add(nameof(Restore)));
    internal Target Compile => _ => _.DependsOn(Restore).Executes(() => Ran.Add(nameof(Compile)));
    Target Test => _ => _.DependsOn(Compile).Triggers(Report).Executes(() => Ran.Add(nameof(Test)));
    Target Report => _ => _.DependsOn(Package).Executes(() => Ran.Add(nameof(Report)));
    Target Package => _ => _.Executes(() => Ran.Add(nameof(Package)));
    Target Hidden => _ => _.Unlisted().Executes(() => Ran.Add(nameof(Hidden)));
}
