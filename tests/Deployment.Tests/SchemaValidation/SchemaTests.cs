using Deployment.Tests.Kustomize;
using k8s;
using ServerConfig;

namespace Deployment.Tests.SchemaValidation;

/// <summary>
/// Every generated object, and the checked-in files, validate against the Kubernetes OpenAPI schemas without a cluster,
/// as <c>kubectl kustomize</c> renders them: what <c>kubectl apply -k</c> sends, namespace and image included.
/// </summary>
public sealed class SchemaTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("manifests-schema-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_generated_object_is_valid_against_the_Kubernetes_schemas()
    {
        var manifests = KubernetesManifests.Create(ServerSettings.Defaults, new DeploymentFacts());
        manifests.WriteTo(_directory);

        var result = await KubernetesSchemaValidator.ValidateAsync(await RenderAsync(_directory));

        result.ExitCode.Should().Be(0, $"every object must validate; the validator said:\n{result.Output}");
        var validated = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("VALID ", StringComparison.Ordinal));
        validated.Select(l => l[(l.LastIndexOf(": ", StringComparison.Ordinal) + 2)..]).Should().BeEquivalentTo(
            manifests.Objects.Select(o => $"{o.Kind}/creditrobot"), "each object is checked, once");
    }

    [Fact]
    public async Task The_checked_in_manifests_are_valid_against_the_Kubernetes_schemas()
    {
        var objectFiles = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes"), "*.yaml").Length - 1; // all but kustomization.yaml

        var result = await KubernetesSchemaValidator.ValidateAsync(await RenderAsync(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes")));

        result.ExitCode.Should().Be(0, $"the validator said:\n{result.Output}");
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(objectFiles).And.AllSatisfy(l => l.Should().StartWith("VALID "));
    }

    /// <summary>The directory as kubectl kustomize renders it, in one file of this test's folder.</summary>
    private async Task<string> RenderAsync(string directory)
    {
        var path = Path.Combine(_directory, "rendered.yaml");
        await File.WriteAllTextAsync(path, await Kubectl.KustomizeAsync(directory));
        return path;
    }

    [Fact]
    public async Task A_deployment_without_a_selector_is_rejected()
    {
        var deployment = KubernetesManifests.Create(ServerSettings.Defaults, new DeploymentFacts()).Deployment;
        var broken = deployment with { Spec = deployment.Spec with { Selector = null } };
        var path = Path.Combine(_directory, "broken.yaml");
        await File.WriteAllTextAsync(path, KubernetesYaml.Serialize(broken));

        var result = await KubernetesSchemaValidator.ValidateAsync(path);

        result.ExitCode.Should().Be(1, "the validator must be able to say no");
        result.Output.Should().Contain("INVALID").And.Contain("selector");
    }

    [Fact]
    public async Task A_container_port_that_is_not_a_number_is_rejected()
    {
        var path = Path.Combine(_directory, "broken-port.yaml");
        var text = KubernetesManifests.Create(ServerSettings.Defaults, new DeploymentFacts()).Files().Single(f => f.Name == "deployment.yaml").Content
            .Replace("containerPort: 8080", "containerPort: eighty", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text);

        var result = await KubernetesSchemaValidator.ValidateAsync(path);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("containerPort must be integer");
    }
}
