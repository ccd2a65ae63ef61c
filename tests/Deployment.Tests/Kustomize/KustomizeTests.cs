using k8s;
using k8s.Models;
using ServerConfig;

namespace Deployment.Tests.Kustomize;

/// <summary>
/// What <c>kubectl apply -k</c> sends, rendered by kubectl itself: every object, in the namespace chosen, running the
/// image pinned in the kustomization's <c>images:</c> entry.
/// </summary>
public sealed class KustomizeTests : IDisposable
{
    private static readonly string Digest = "ghcr.io/acme/creditrobot@sha256:" + new string('b', 64);
    private readonly string _directory = Directory.CreateTempSubdirectory("manifests-kustomize-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IEnumerable<string> Identities(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        objects.Select(o => $"{o.Kind}/{o.Metadata.Name}");

    private static V1Container App(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        objects.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers.Single();

    [Fact]
    public async Task A_pinned_digest_and_a_namespace_land_in_every_rendered_object()
    {
        var manifests = KubernetesManifests.Create(ServerSettings.Defaults, new DeploymentFacts { Image = Digest, Namespace = "payments" });
        manifests.WriteTo(_directory);

        var rendered = await Kubectl.KustomizeObjectsAsync(_directory);

        Identities(rendered).Should().BeEquivalentTo(Identities(manifests.Objects.Cast<IKubernetesObject<V1ObjectMeta>>()), "the kustomization lists every file");
        rendered.Should().AllSatisfy(o => o.Metadata.NamespaceProperty.Should().Be("payments", $"{o.Kind} follows the kustomization's namespace"));
        App(rendered).Image.Should().Be(Digest, "the images: entry replaces the Deployment's image name with the pinned reference");
    }

    [Fact]
    public async Task Without_a_namespace_the_objects_go_where_kubectl_is_told()
    {
        KubernetesManifests.Create(ServerSettings.Defaults, new DeploymentFacts { Namespace = "" }).WriteTo(_directory);

        var rendered = await Kubectl.KustomizeObjectsAsync(_directory);

        File.ReadAllText(Path.Combine(_directory, "kustomization.yaml")).Should().NotContain("namespace:");
        rendered.Should().HaveCount(5).And.AllSatisfy(o => o.Metadata.NamespaceProperty.Should().BeNull());
        App(rendered).Image.Should().Be(DeploymentImage.Placeholder);
    }

    [Fact]
    public async Task The_checked_in_directory_renders_every_object_with_a_pinned_image()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes");

        var rendered = await Kubectl.KustomizeObjectsAsync(directory);

        rendered.Select(o => o.Kind).Should().BeEquivalentTo("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy");
        rendered.Select(o => o.Metadata.NamespaceProperty).Distinct().Should().ContainSingle("one namespace for the whole app");
        App(rendered).Image.Should().MatchRegex("@sha256:", "kustomize resolved the image name to the kustomization's pinned reference")
            .And.NotBe(DeploymentImage.KustomizeName);
    }
}
