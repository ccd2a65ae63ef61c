using TypedBuild.Tests.Support;
using System.Diagnostics;
using TypedBuild.Tests.GitHubActions;

namespace TypedBuild.Tests;

/// <summary>
/// build.sh and build.ps1 choose the SDK the same way: the same table of global.json cases runs through
/// both (bash, and pwsh installed as the PowerShell dotnet tool), and both say what they found and what to do
/// when the right SDK is missing and cannot be downloaded (this machine is offline; the download URL points at
/// a closed port on 127.0.0.1 so the test never leaves the machine).
/// </summary>
public sealed class BootstrapperTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bootstrapper-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // global.json version, rollForward, allowPrerelease, installed SDK → accepted
    public static TheoryData<string, string, bool, string, bool> Cases() => new()
    {
        { "10.0.400", "latestPatch", false, "10.0.401", true },
        { "10.0.400", "latestPatch", false, "10.0.400", true },
        { "10.0.400", "latestPatch", false, "10.0.399", false },
        { "10.0.400", "latestPatch", false, "10.0.500", false },
        { "10.0.400", "patch", false, "10.0.499", true },
        { "10.0.400", "latestFeature", false, "10.0.500", true },
        { "10.0.400", "feature", false, "10.1.100", false },
        { "10.0.400", "latestMinor", false, "10.1.100", true },
        { "10.0.400", "minor", false, "11.0.100", false },
        { "10.0.400", "latestMajor", false, "11.0.100", true },
        { "10.0.400", "major", false, "9.0.999", false },
        { "10.0.400", "disable", false, "10.0.401", false },
        { "10.0.400", "disable", false, "10.0.400", true },
        { "10.0.400", "latestPatch", false, "10.0.401-preview.1", false },
        { "10.0.400", "latestPatch", true, "10.0.401-preview.1", true },
    };

    [Fact]
    public async Task Both_scripts_accept_and_refuse_the_same_sdks_for_every_rollForward_policy()
    {
        var cases = Cases().Select(row => ((string)row[0], (string)row[1], (bool)row[2], (string)row[3], (bool)row[4])).ToList();
        var bashScript = "source ./build.sh; set +e\n" + string.Join('\n', cases.Select(c =>
            $"sdk_matches {c.Item1} {c.Item2} {(c.Item3 ? "true" : "false")} {c.Item4} && echo true || echo false"));
        var pwshScript = ". ./build.ps1\n" + string.Join('\n', cases.Select(c =>
            $"[bool](Test-SdkMatch '{c.Item1}' '{c.Item2}' ${(c.Item3 ? "true" : "false")} '{c.Item4}')"));

        var bash = await Run("bash", ["-c", bashScript], Repository);
        var pwsh = await Run(await PowerShell.PathAsync(), ["-NoProfile", "-Command", pwshScript], Repository);

        var expected = cases.Select(c => c.Item5 ? "true" : "false").ToList();
        Lines(bash.Output).Should().Equal(expected, $"build.sh:\n{bash.Output}");
        Lines(pwsh.Output).Select(l => l.ToLowerInvariant()).Should().Equal(expected, $"build.ps1:\n{pwsh.Output}");
    }

    [Fact]
    public async Task With_the_repositorys_global_json_both_use_the_dotnet_on_path_without_installing()
    {
        var bash = await Run("bash", ["-c", "source ./build.sh; find_dotnet; echo \"$DOTNET_EXE\""], Repository);
        var pwsh = await Run(await PowerShell.PathAsync(), ["-NoProfile", "-Command", ". ./build.ps1; Find-Dotnet"], Repository);

        var onPath = Path.GetFullPath(FindOnPath("dotnet"));
        Lines(bash.Output).Last().Should().Be(onPath, bash.Output);
        Lines(pwsh.Output).Last().Should().Be(onPath, pwsh.Output);
        (bash.Output + pwsh.Output).Should().NotContain("Installing");
    }

    [Theory]
    [InlineData("build.sh")]
    [InlineData("build.ps1")]
    public async Task A_global_json_the_installed_sdk_does_not_satisfy_is_said_and_the_offline_install_fails_clearly(string script)
    {
        File.Copy(Path.Combine(Repository, script), Path.Combine(_dir, script));
        await File.WriteAllTextAsync(Path.Combine(_dir, "global.json"), """{ "sdk": { "version": "10.0.999", "rollForward": "latestPatch" } }""");

        var result = script == "build.sh"
            ? await Run("bash", [Path.Combine(_dir, script), "--help"], _dir)
            : await Run(await PowerShell.PathAsync(), ["-NoProfile", "-File", Path.Combine(_dir, script), "--help"], _dir);

        result.ExitCode.Should().Be(1, result.Output);
        result.Output.Should().Contain($"{script}: ").And.Contain("has SDK 10.0.").And
            .Contain("the build needs the SDK 10.0.999 (global.json, rollForward latestPatch). Installing it into .nuke/temp/dotnet");
        result.Output.Should().Contain("could not download http://127.0.0.1:9/dotnet-install.").And.Contain("or set DOTNET_EXE");
        Directory.Exists(Path.Combine(_dir, ".nuke", "temp", "dotnet")).Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_rollForward_policy_is_a_clear_error()
    {
        File.Copy(Path.Combine(Repository, "build.sh"), Path.Combine(_dir, "build.sh"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "global.json"), """{ "sdk": { "version": "10.0.400", "rollForward": "latestPatches" } }""");

        var result = await Run("bash", [Path.Combine(_dir, "build.sh"), "--help"], _dir);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("global.json: rollForward 'latestPatches' is not one of patch, feature, minor, major, latestPatch");
    }

    private static string Repository => RepositoryRoot.Path;

    private static List<string> Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).First(File.Exists);

    private static Task<(int ExitCode, string Output)> Run(string file, string[] args, string directory)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_INSTALL_URL_BASE"] = "http://127.0.0.1:9", ["DOTNET_EXE"] = null };
        return PowerShell.RunAsync(file, args, directory, environment);
    }
}

/// <summary>pwsh from the PowerShell dotnet tool (pinned), installed once into a cache directory.</summary>
internal static class PowerShell
{
    private const string Version = "7.6.9";
    private static readonly string ToolPath = Path.Combine(Path.GetTempPath(), $"creditrobot-pwsh-{Version}");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<string> PathAsync()
    {
        var pwsh = Path.Combine(ToolPath, "pwsh");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(pwsh))
                return pwsh;
            var install = await RunAsync("dotnet", ["tool", "install", "PowerShell", "--version", Version, "--tool-path", ToolPath], Path.GetTempPath());
            if (install.ExitCode != 0 || !File.Exists(pwsh))
                throw new InvalidOperationException($"Cannot test build.ps1: 'dotnet tool install PowerShell --version {Version}' failed (exit {install.ExitCode}):\n{install.Output}");
            return pwsh;
        }
        finally { InstallLock.Release(); }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string directory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
