namespace TypedBuild.Tests.Builds;

/// <summary>Tries to leak its secret through every output path.</summary>
internal sealed class SecretBuild : BuildScript
{
    [Parameter("Token"), Secret] public string? Token { get; set; }
    [Parameter("Fail at the end")] public bool Fail { get; set; }

    [Parameter("The image to check: a name the member cannot have", Name = "Image")] public string? CheckedImage { get; set; }

    /// <summary>What <see cref="Record"/> read through ParameterValues (what provenance records).</summary>
    public IReadOnlyList<ParameterValue> Recorded { get; private set; } = [];

    Tool Shell => ToolFromPath("sh");

    internal Target Record => _ => _.Executes(() => Recorded = ParameterValues());

    internal Target Leak => _ => _.Requires(() => Token).Executes(async ct =>
    {
        Log.Info($"log: token is {Token}");
        await Shell(["-c", "echo \"stdout: $T\"; echo \"stderr: $T\" >&2"], ct,
            new ToolOptions { Environment = new Dictionary<string, string?> { ["T"] = Token } });
        RegisterSecret("runtime-" + Token);
        Log.Info($"later: runtime-{Token}");
        Summary.Note($"note: {Token}");
        Summary.AddRow($"row {Token}", TargetStatus.Succeeded, null, $"row note {Token}");
        Summary.AddClosingLine($"closing {Token}");
        if (Fail)
            throw new BuildException($"failed with {Token}");
    });

    internal Target ToolFails => _ => _.Executes(ct =>
        Shell(["-c", $"echo failing with {Token}; exit 3"], ct, new ToolOptions { LogOutput = false }));
}
