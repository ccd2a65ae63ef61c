using Images.Build;
using TypedBuild;

namespace Fuzz;

/// <summary>The build's own input files: .dockerignore and .nuke/parameters.json.</summary>
internal static class BuildHarness
{
    private static readonly string[] ContextPaths = ["Dockerfile", "src/CreditRobot/Program.cs", ".git/config", "a/b/c.txt", "[x]/y", "\\", ""];

    /// <summary>Parsed as the Image target does, then asked what the build context walk asks.</summary>
    public static void DockerIgnore(byte[] input)
    {
        Images.Build.DockerIgnore ignore;
        try
        {
            ignore = Images.Build.DockerIgnore.Parse(FuzzTarget.Text(input)).KeepingBuildFiles("Dockerfile");
        }
        catch (FormatException)
        {
            return; // "Invalid .dockerignore pattern …": the Image target's error
        }
        foreach (var path in ContextPaths)
            ignore.IsExcluded(path);
        ignore.MayReincludeBelow("src");
    }

    private static readonly Lazy<IReadOnlyList<BuildParameter>> Parameters = new(() => BuildModel.Create(new ParameterShapes(), null).Parameters);

    /// <summary>Read from disk as the build reads it, then every value converted to its parameter's type.</summary>
    public static void ParametersJson(byte[] input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fuzz-parameters-{Environment.ProcessId}.json");
        File.WriteAllBytes(path, input);
        try
        {
            var file = ParametersFile.Read(path, Parameters.Value);
            foreach (var (parameter, values) in file.Values)
            {
                try { ValueConverter.Convert(parameter.ValueType, values, Path.GetTempPath()); }
                catch (FormatException) { } // "--name: expected …": a usage error (exit 2)
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>One parameter of every type a build may declare.</summary>
    private sealed class ParameterShapes : BuildScript
    {
        [Parameter("text")] public string? Text { get; set; }
        [Parameter("count")] public int Count { get; set; }
        [Parameter("maybe a count")] public int? OptionalCount { get; set; }
        [Parameter("switch")] public bool Switch { get; set; }
        [Parameter("choice")] public Verbosity Choice { get; set; }
        [Parameter("list")] public string[] List { get; set; } = [];
        [Parameter("path")] public AbsolutePath? Output { get; set; }
        [Parameter("secret"), Secret] public string? Password { get; set; }
    }
}
