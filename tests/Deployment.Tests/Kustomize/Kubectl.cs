using Images;
using k8s;
using TypedBuild;

namespace Deployment.Tests.Kustomize;

/// <summary>
/// kubectl's built-in kustomize, offline: the objects <c>kubectl apply -k</c> would send for a directory. kubectl is
/// Debian's kubernetes-client, installed the way the build installs its host tools (as root on Debian; elsewhere the
/// test fails with the command to run): a silent skip would hide a kustomization that kubectl cannot render.
/// </summary>
internal static class Kubectl
{
    private static readonly HostTool Tool = new("kubectl", "kubernetes-client", "rendering deploy/kubernetes with kubectl kustomize (tests/Deployment.Tests)");

    /// <summary>One per test run, as the build keeps one per run: concurrent tests install the package once.</summary>
    private static readonly HostTools HostTools = new();

    /// <summary>The rendered YAML stream; fails with kubectl's own message when it refuses the directory.</summary>
    public static async Task<string> KustomizeAsync(string directory)
    {
        var kubectl = await HostTools.EnsureAsync(Tool);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var result = await ProcessRunner.Silent.RunAsync(kubectl, ["kustomize", directory], new ToolOptions { CheckExitCode = false }, timeout.Token);
        return result.ExitCode == 0 ? result.StandardOutput :
            throw new InvalidOperationException($"kubectl kustomize {directory} exited with {result.ExitCode}: {result.StandardError.Trim()}");
    }

    /// <summary>The rendered objects, typed (k8s.Models).</summary>
    public static async Task<IReadOnlyList<IKubernetesObject<k8s.Models.V1ObjectMeta>>> KustomizeObjectsAsync(string directory) =>
        [.. KubernetesYaml.LoadAllFromString(await KustomizeAsync(directory)).Cast<IKubernetesObject<k8s.Models.V1ObjectMeta>>()];
}
