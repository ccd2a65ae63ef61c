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
        var (exitCode, output) = await NodeTools.RunAsync("node", [script, .. yamlFiles], InstallDirectory, "validate manifests");
        return new Result(exitCode, output);
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
                await NodeTools.InstallAsync(InstallDirectory, Packages, Path.Combine(InstallDirectory, "node_modules", "kubernetes-models", "package.json"), "validate manifests");
                await File.WriteAllTextAsync(installed, string.Join('\n', Packages));
            }
            // Always the script of this build, so an edit to it is what runs.
            File.Copy(Path.Combine(AppContext.BaseDirectory, "SchemaValidation", "validate.mjs"), script, overwrite: true);
            return script;
        }
        finally { InstallLock.Release(); }
    }
}
