namespace TypedBuild.Tests.Builds;

internal sealed class CycleBuild : BuildScript
{
    public List<string> Ran { get; } = [];

    Target Setup => _ => _.Executes(() => Ran.Add(nameof(Setup)));
    Target A => _ => _.DependsOn(Setup, B).Executes(() => Ran.Add(nameof(A)));
    Target B => _ => _.After(C).Executes(() => Ran.Add(nameof(B)));
    Target C => _ => _.DependsOn(A).Executes(() => Ran.Add(nameof(C)));
}
