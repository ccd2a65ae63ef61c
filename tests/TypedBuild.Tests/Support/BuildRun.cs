using Spectre.Console;

namespace TypedBuild.Tests.Support;

/// <summary>Runs a test build class through the real engine with injected arguments, environment,
/// console (a StringWriter) and root directory (a temporary folder with .nuke/).</summary>
internal sealed record BuildRun<T>(int ExitCode, string Output, T Build, string Root) where T : BuildScript
{
    public string[] Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
}

internal static class BuildRun
{
    public static async Task<BuildRun<T>> RunAsync<T>(
        string[] args,
        IDictionary<string, string>? environment = null,
        string? parametersJson = null,
        Func<T, Target>? defaultTarget = null,
        string? root = null,
        T? build = null,
        CancellationToken cancellationToken = default) where T : BuildScript, new()
    {
        root ??= TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        if (parametersJson is not null)
            await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), parametersJson, cancellationToken);

        var env = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            env[key] = value;

        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;

        build ??= new T();
        var host = new BuildHost { Arguments = args, Environment = env, Console = console, RootDirectory = root, CancellationToken = cancellationToken };
        var exit = await BuildEngine.RunAsync(build, host, defaultTarget is null ? null : b => defaultTarget((T)b));
        return new BuildRun<T>(exit, writer.ToString(), build, root);
    }
}
