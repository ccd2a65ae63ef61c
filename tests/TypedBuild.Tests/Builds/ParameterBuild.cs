namespace TypedBuild.Tests.Builds;

internal enum Flavor
{
    Vanilla,
    Chocolate,
}

/// <summary>One parameter of every supported type, as fields and properties.</summary>
internal sealed class ParameterBuild : BuildScript
{
    [Parameter("A string")] public string Greeting = "hello";
    [Parameter("A flag")] public bool DryRun = false;
    [Parameter("A number")] public int Retries { get; set; } = 3;
    [Parameter("An enum")] public Flavor Flavor = Flavor.Vanilla;
    [Parameter("A list")] public string[] Tags = [];
    [Parameter("A path")] public AbsolutePath? OutputDirectory { get; set; }
    [Parameter("A nullable number")] public int? Port { get; set; }
    [Parameter("Registry password"), Secret] public string? RegistryPassword { get; set; }

    internal Target Show => _ => _.Description("Does nothing").Executes(() => { });
}
