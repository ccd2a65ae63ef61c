namespace TypedBuild.Tests.Builds;

/// <summary>Failure handling, conditions, requirements, cleanup and summary rows.</summary>
internal sealed class FlowBuild : BuildScript
{
    public List<string> Ran { get; } = [];

    [Parameter("Make Broken fail")] public bool Fail { get; set; }
    [Parameter("Enables Optional")] public bool Enabled { get; set; }
    [Parameter("API key for Publish")] public string? ApiKey { get; set; }

    Target Broken => _ => _.Executes(() =>
    {
        Ran.Add(nameof(Broken));
        if (Fail)
            throw new BuildException("Broken failed on purpose");
    });

    Target Misused => _ => _.Executes(() =>
        throw new UsageException("Image was skipped and no image creditrobot:1.0 exists: run without --skip Image"));

    Target Tolerated => _ => _.ProceedAfterFailure().Executes(() =>
    {
        Ran.Add(nameof(Tolerated));
        throw new BuildException("Tolerated failed on purpose");
    });

    Target Independent => _ => _.Executes(() => Ran.Add(nameof(Independent)));
    Target AfterTolerated => _ => _.DependsOn(Tolerated).Executes(() => Ran.Add(nameof(AfterTolerated)));
    Target Dependent => _ => _.DependsOn(Broken).Executes(() => Ran.Add(nameof(Dependent)));
    Target Report => _ => _.AssuredAfterFailure().Executes(() => Ran.Add(nameof(Report)));

    Target Optional => _ => _.OnlyWhen(() => Enabled).Executes(() => Ran.Add(nameof(Optional)));
    Target AfterOptional => _ => _.DependsOn(Optional).Executes(() => Ran.Add(nameof(AfterOptional)));

    Target Publish => _ => _.Requires(() => ApiKey).Executes(() => Ran.Add(nameof(Publish)));
    Target Release => _ => _.Requires(() => CleanTree(), "a clean tree").Executes(() => Ran.Add(nameof(Release)));
    static string CleanTree() => throw new UsageException("2 changed files: a.cs, b.cs: commit them, or pass --release-dirty");
    Target Deploy => _ => _.DependsOn(Publish).RequiresTool("no-such-tool-typedbuild").Executes(() => Ran.Add(nameof(Deploy)));

    Target Rows => _ => _.Executes(() =>
    {
        Ran.Add(nameof(Rows));
        Summary.Note("2 groups");
        Summary.AddRow("http", TargetStatus.Succeeded, TimeSpan.FromSeconds(1.5), "3 passed");
        Summary.AddRow("database", TargetStatus.Failed, null, "1 failed");
        Summary.AddClosingLine("Rows: 3 passed, 1 failed, 0 skipped");
    });

    Target WithCleanup => _ => _.Executes(() =>
    {
        Ran.Add(nameof(WithCleanup));
        RegisterCleanup("first", _ => { Ran.Add("cleanup first"); return Task.CompletedTask; });
        RegisterCleanup("second", _ => { Ran.Add("cleanup second"); return Task.CompletedTask; });
        if (Fail)
            throw new BuildException("WithCleanup failed on purpose");
    });

    Target Crash => _ => _.Executes(() => throw new InvalidOperationException("unexpected state"));

    public TaskCompletionSource WaitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    Target Blocking => _ => _.Executes(async ct =>
    {
        Ran.Add(nameof(Blocking));
        RegisterCleanup("after blocking", _ => { Ran.Add("cleanup after blocking"); return Task.CompletedTask; });
        WaitStarted.SetResult();
        await Task.Delay(Timeout.Infinite, ct);
    });

    Target AfterBlocking => _ => _.After(Blocking).Executes(() => Ran.Add(nameof(AfterBlocking)));
}
