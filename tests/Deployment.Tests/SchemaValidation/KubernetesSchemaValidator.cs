using System.Diagnostics;

namespace Deployment.Tests.SchemaValidation;

/// <summary>
/// Runs validate.mjs with npm's <c>kubernetes-models</c> (the Kubernetes OpenAPI schemas compiled to validators),
/// installed once, pinned, into a temp folder. When node or npm is missing the test fails and says what to install:
/// a silent skip would hide an invalid manifest.
/// </summary>
internal static class KubernetesSchemaValidator
{
    private static readonly string[] Packages = ["kubernetes-models@5.1.0", "@kubernetes-models/validate@5.0.2", "yaml@2.9.1"];
    private static readonly string InstallDirectory = Path.Combine(Path.GetTempPath(), "creditrobot-kubernetes-models-5.1.0");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> ValidateAsync(params string[] yamlFiles)
    {
        var script = await EnsureInstalledAsync();
        return await RunAsync("node", [script, .. yamlFiles], InstallDirectory);
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var script = Path.Combine(InstallDirectory, "validate.mjs");
        var installed = Path.Combine(InstallDirectory, "installed");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(installed))
            {
                Directory.CreateDirectory(InstallDirectory);
                var install = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--prefix", InstallDirectory, .. Packages], InstallDirectory);
                if (install.ExitCode != 0)
                    throw new InvalidOperationException(
                        $"Cannot validate manifests: 'npm install {string.Join(' ', Packages)}' into {InstallDirectory} failed (exit {install.ExitCode}). " +
                        $"Check npm's registry access. npm said:\n{install.Output}");
                await File.WriteAllTextAsync(installed, string.Join('\n', Packages));
            }
            // Always the script of this build, so an edit to it is what runs.
            File.Copy(Path.Combine(AppContext.BaseDirectory, "SchemaValidation", "validate.mjs"), script, overwrite: true);
            return script;
        }
        finally { InstallLock.Release(); }
    }

    private static async Task<Result> RunAsync(string fileName, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot validate manifests: '{fileName}' could not be started ({e.Message}). Install Node.js and npm (Debian: apt-get install -y nodejs npm).", e);
        }
        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, (await output) + (await error));
        }
    }
}
