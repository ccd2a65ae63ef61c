using k8s;
using k8s.Models;
using ServerConfig;

namespace Deployment.Tests;

/// <summary>What an operator relies on in the generated Deployment, and how it follows the server settings.</summary>
public sealed class DerivationTests
{
    private static readonly string Digest = "ghcr.io/acme/creditrobot@sha256:" + new string('a', 64);

    private static KubernetesManifests Create(ServerSettings? settings = null, DeploymentFacts? facts = null) =>
        KubernetesManifests.Create(settings ?? ServerSettings.Defaults, facts ?? new DeploymentFacts());

    private static string? Env(V1Container container, string name) => container.Env.Single(e => e.Name == name).Value;

    [Fact]
    public void Every_server_setting_reaches_the_container_as_its_SERVER_variable()
    {
        var settings = ServerSettings.Defaults with { Port = 9000, GracefulTimeout = 12, LogLevel = LogLevelSetting.Warning, Workers = 9 };

        var container = Create(settings).AppContainer;

        foreach (var setting in SettingsTable.All)
            Env(container, setting.EnvironmentVariable).Should().Be(setting.Format(settings), setting.Name);
        Env(container, "SERVER_BIND").Should().Be("0.0.0.0:9000");
        container.Ports.Single().ContainerPort.Should().Be(9000);
    }

    [Fact]
    public void The_database_url_is_a_secret_reference_never_a_value()
    {
        var database = Create().AppContainer.Env.Single(e => e.Name == "DATABASE_URL");

        database.Value.Should().BeNull();
        database.ValueFrom.SecretKeyRef.Should().BeEquivalentTo(new { Name = "creditrobot-database", Key = "DATABASE_URL", Optional = false });
        Create().Files().Should().AllSatisfy(f => f.Content.Should().NotContain("postgres://"));
    }

    [Theory]
    [InlineData(30, 40)]
    [InlineData(0, 10)]
    [InlineData(120, 130)]
    public void The_grace_period_covers_the_preStop_pause_and_graceful_timeout(int gracefulTimeout, int expectedGrace)
    {
        var pod = Create(ServerSettings.Defaults with { GracefulTimeout = gracefulTimeout }).Deployment.Spec.Template.Spec;

        pod.TerminationGracePeriodSeconds.Should().Be(expectedGrace);
        pod.TerminationGracePeriodSeconds.Should().BeGreaterThan(gracefulTimeout + pod.Containers[0].Lifecycle.PreStop.Sleep.Seconds);
    }

    [Theory]
    [InlineData(1, "1000m", "500m")]   // workers 3
    [InlineData(2, "2000m", "1000m")]  // workers 5, the default
    [InlineData(4, "4000m", "2000m")]  // workers 9
    public void Cpu_follows_the_cores_the_workers_were_sized_for(int cores, string limit, string request)
    {
        var resources = Create(ServerSettings.Defaults with { Workers = ServerSettings.WorkersFor(cores) }).AppContainer.Resources;

        resources.Limits["cpu"].Should().Be(new ResourceQuantity(limit));
        resources.Requests["cpu"].Should().Be(new ResourceQuantity(request));
    }

    [Theory]
    [InlineData(52.6, "64Mi", "128Mi")]
    [InlineData(64.0, "64Mi", "128Mi")]
    [InlineData(90.0, "96Mi", "192Mi")]
    public void Memory_follows_the_measured_peak(double peak, string request, string limit)
    {
        var resources = Create(facts: new DeploymentFacts { MeasuredPeakMemoryMiB = peak }).AppContainer.Resources;

        resources.Requests["memory"].Should().Be(new ResourceQuantity(request));
        resources.Limits["memory"].Should().Be(new ResourceQuantity(limit));
    }

    [Fact]
    public void Probes_split_liveness_from_readiness()
    {
        var container = Create().AppContainer;

        container.LivenessProbe.HttpGet.Path.Should().Be("/healthz", "a database outage must not restart pods");
        container.StartupProbe.HttpGet.Path.Should().Be("/healthz");
        container.ReadinessProbe.HttpGet.Path.Should().Be("/readyz", "a pod without its database leaves the Service");
        new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe }
            .Should().AllSatisfy(p => p.HttpGet.Port.Value.Should().Be("http"));
    }

    [Fact]
    public void The_image_is_pinned_in_the_kustomization_the_placeholder_or_a_digest_never_a_tag()
    {
        Create().AppContainer.Image.Should().Be(DeploymentImage.KustomizeName, "the kustomization's images: entry names it");
        Create().Kustomization.Images.Should().Equal(new KustomizeImage("creditrobot", "creditrobot", "sha256:REPLACE_AFTER_PUBLISH"));
        Create(facts: new DeploymentFacts { Image = Digest }).Kustomization.Images
            .Should().Equal(new KustomizeImage("creditrobot", "ghcr.io/acme/creditrobot", "sha256:" + new string('a', 64)));

        var tagged = () => Create(facts: new DeploymentFacts { Image = "ghcr.io/acme/creditrobot:latest" });

        tagged.Should().Throw<ArgumentException>().WithMessage("Image: 'ghcr.io/acme/creditrobot:latest' is not pinned by digest (expected registry/repository@sha256:*");
    }

    [Fact]
    public void No_node_holds_every_pod_so_a_drain_or_a_lost_node_leaves_one_serving()
    {
        var manifests = Create();
        var spread = manifests.Deployment.Spec.Template.Spec.TopologySpreadConstraints;

        var node = spread.Single(c => c.TopologyKey == "kubernetes.io/hostname");
        node.Should().BeEquivalentTo(new { MaxSkew = 1, WhenUnsatisfiable = "DoNotSchedule", NodeTaintsPolicy = "Honor" },
            o => o.ExcludingMissingMembers(), "a preference would let the scheduler put both pods on one node");
        node.MatchLabelKeys.Should().Equal(["pod-template-hash"], "each rollout's pods are spread among themselves");
        node.LabelSelector.MatchLabels.Should().Equal(manifests.Deployment.Spec.Selector.MatchLabels);
        spread.Single(c => c.TopologyKey == "topology.kubernetes.io/zone").WhenUnsatisfiable
            .Should().Be("ScheduleAnyway", "a cluster without zones must still schedule every pod");
        manifests.Autoscaler.Spec.MinReplicas.Should().BeGreaterThan(int.Parse(manifests.DisruptionBudget.Spec.MaxUnavailable.Value),
            "a drain evicts fewer pods than the fewest the autoscaler keeps");
    }

    [Theory]
    [InlineData("payments", "payments")]
    [InlineData("", null)]
    public void The_namespace_is_the_kustomizations_or_none(string chosen, string? written)
    {
        var manifests = Create(facts: new DeploymentFacts { Namespace = chosen });

        manifests.Kustomization.Namespace.Should().Be(written);
        manifests.Objects.Should().AllSatisfy(o => ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty.Should().BeNull(
            "one place: kubectl -n, an overlay or kustomize edit set namespace can still move every object"));
    }

    [Theory]
    [InlineData("Payments")]
    [InlineData("pay_ments")]
    [InlineData("-payments")]
    [InlineData("payments-")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void A_namespace_Kubernetes_would_refuse_is_refused_with_what_is_expected(string chosen)
    {
        var create = () => Create(facts: new DeploymentFacts { Namespace = chosen });

        create.Should().Throw<ArgumentException>().WithMessage($"Namespace: '{chosen}' is not a Kubernetes namespace name (expected at most 63 lowercase letters, digits and '-'*");
        NamespaceName.Problem(chosen, "--kubernetes-namespace").Should().StartWith("--kubernetes-namespace: ");
    }

    [Fact]
    public void Every_file_and_the_guide_state_the_minimum_Kubernetes_version()
    {
        var stated = $"Kubernetes {KubernetesManifests.MinimumKubernetesVersion} or later";

        Create().Files().Should().AllSatisfy(f => f.Content.Split('\n')[1].Should().StartWith($"# {stated};", f.Name));
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "kubernetes.md")).Should().Contain(stated);
    }

    [Fact]
    public void A_port_chosen_at_start_is_refused_with_what_to_set()
    {
        var create = () => Create(ServerSettings.Defaults with { Port = 0 });

        create.Should().Throw<ArgumentException>().WithMessage("bind: port 0 picks a free port*expected a fixed port*");
    }

    [Fact]
    public void Same_settings_give_the_same_bytes()
    {
        var first = Create().Files();
        var second = Create().Files();

        second.Should().Equal(first);
        first.Select(f => f.Name).Should().Equal("deployment.yaml", "service.yaml", "poddisruptionbudget.yaml", "horizontalpodautoscaler.yaml", "networkpolicy.yaml", "kustomization.yaml");
    }

    [Fact]
    public void The_checked_in_manifests_are_what_the_checked_in_server_conf_generates()
    {
        // Both come from the build's current parameters (.nuke/parameters.json and defaults), so a team that customises
        // a value stays green; the build's own test checks them against the parameters. This catches a commit of one
        // without the other. The image is the checked-in one (--kubernetes-image, a placeholder by default).
        var directory = Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes");
        var errors = new List<string>();
        var entries = ServerConfigFile.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "server.conf")), "server.conf", errors);
        var settings = ServerConfigFile.Apply(ServerSettings.Defaults, entries.ToDictionary(e => e.Setting.Name, e => e.Raw));
        // The image is pinned in the kustomization's images: entry (newName@digest), not in deployment.yaml.
        var kustomization = File.ReadAllText(Path.Combine(directory, "kustomization.yaml"));
        string Field(string name) => System.Text.RegularExpressions.Regex.Match(kustomization, $@"\n\s+{name}: (\S+)\n").Groups[1].Value;
        var image = $"{Field("newName")}@{Field("digest")}";

        errors.Should().BeEmpty();
        foreach (var file in Create(settings, new DeploymentFacts { Image = image }).Files())
            File.ReadAllText(Path.Combine(directory, file.Name)).Should()
                .Be(file.Content, $"deploy/kubernetes/{file.Name} must be regenerated with ./build.sh ServerConfig Manifests");
    }
}
