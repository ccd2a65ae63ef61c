namespace TypedBuild.Tests.Builds;

/// <summary>NUKE habits: --continue, --targets, verbosity levels, environment names, secrets kept from children.</summary>
internal sealed class HabitBuild : BuildScript
{
    public List<string> Ran { get; } = [];

    [Parameter("A port that no runtime variable uses")] public int ConfPort { get; set; } = 8080;
    [Parameter("Registry password"), Secret] public string? HabitPassword { get; set; }
    [Parameter("Extra variable names to print from a child process")] public string[] Show { get; set; } = [];

    Tool Shell => ToolFromPath("sh");

    Target First => _ => _.Executes(() =>
    {
        Ran.Add(nameof(First));
        throw new BuildException("First failed on purpose");
    });

    Target Second => _ => _.Executes(() => Ran.Add(nameof(Second)));
    Target AfterFirst => _ => _.DependsOn(First).Executes(() => Ran.Add(nameof(AfterFirst)));

    Target Talk => _ => _.Executes(async ct =>
    {
        Log.Info("an info line");
        await Shell(["-c", "echo tool says hi"], ct);
    });

    /// <summary>Prints what a child process sees of each variable in <see cref="Show"/>.</summary>
    Target ChildEnvironment => _ => _.Executes(async ct =>
    {
        var script = string.Join("; ", Show.Select(v => $"echo \"{v}=${{{v}-<unset>}}\""));
        await Shell(["-c", script], ct);
    });
}
