using ServerConfig;

namespace Deployment.Tests;

/// <summary>The staleness rule of the Manifests target: rewritten locally, a failure on CI, orphans removed, hand-written files kept.</summary>
public sealed class ManifestFilesTests : IDisposable
{
    private const string Relative = "deploy/kubernetes";
    private readonly string _root = Directory.CreateTempSubdirectory("manifest-files-").FullName;
    private readonly IReadOnlyList<ManifestFile> _files = KubernetesManifests.Create(ServerSettings.Defaults, new DeploymentFacts()).Files();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string PathOf(string name) => Path.Combine(_root, Relative, name);

    [Fact]
    public void Locally_missing_and_changed_files_are_written_then_a_second_run_changes_nothing()
    {
        ManifestFiles.Sync(_files, _root, Relative, isCi: false, "./build.sh Manifests").Should().AllSatisfy(o => o.State.Should().Be(ManifestFileState.Written));
        File.AppendAllText(PathOf("service.yaml"), "# edited by hand\n");

        var second = ManifestFiles.Sync(_files, _root, Relative, isCi: false, "./build.sh Manifests");

        second.Single(o => o.State == ManifestFileState.Written).Message.Should().StartWith("deploy/kubernetes/service.yaml was out of date");
        ManifestFiles.Sync(_files, _root, Relative, isCi: false, "./build.sh Manifests").Should().AllSatisfy(o => o.State.Should().Be(ManifestFileState.UpToDate));
    }

    [Fact]
    public void On_CI_a_difference_is_stale_names_the_file_and_the_command_and_is_left_alone()
    {
        ManifestFiles.Sync(_files, _root, Relative, isCi: false, "./build.sh Manifests");
        var edited = File.ReadAllText(PathOf("poddisruptionbudget.yaml")).Replace("maxUnavailable: 1", "maxUnavailable: 3", StringComparison.Ordinal);
        File.WriteAllText(PathOf("poddisruptionbudget.yaml"), edited);

        var stale = ManifestFiles.Sync(_files, _root, Relative, isCi: true, "./build.sh Manifests").Single(o => o.State == ManifestFileState.Stale);

        stale.Message.Should().Be("deploy/kubernetes/poddisruptionbudget.yaml is stale: line 11 is 'maxUnavailable: 3', the settings generate " +
                                  "'maxUnavailable: 1'. Run './build.sh Manifests' locally and commit the result.");
        File.ReadAllText(PathOf("poddisruptionbudget.yaml")).Should().Be(edited);
    }

    [Fact]
    public void A_file_no_longer_generated_is_deleted_and_a_hand_written_one_is_kept()
    {
        ManifestFiles.Sync(_files, _root, Relative, isCi: false, "./build.sh Manifests");
        File.WriteAllText(PathOf("ingress.yaml"), KubernetesManifests.GeneratedMarker + " (an older version)\nkind: Ingress\n");
        File.WriteAllText(PathOf("secret.yaml"), "kind: Secret\n");

        ManifestFiles.Sync(_files, _root, Relative, isCi: true, "./build.sh Manifests").Should()
            .ContainSingle(o => o.State == ManifestFileState.Stale).Which.Path.Should().Be("deploy/kubernetes/ingress.yaml");
        ManifestFiles.Sync(_files, _root, Relative, isCi: false, "./build.sh Manifests");

        File.Exists(PathOf("ingress.yaml")).Should().BeFalse();
        File.Exists(PathOf("secret.yaml")).Should().BeTrue();
    }
}
