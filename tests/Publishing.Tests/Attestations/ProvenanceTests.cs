using System.Text.Json.Nodes;
using Publishing.Attestations;
using TypedBuild;

namespace Publishing.Tests.Attestations;

/// <summary>The provenance statement: in-toto v1 with a SLSA v1 predicate about the image digest; secrets by name only.</summary>
public sealed class ProvenanceTests
{
    private static readonly string Digest = "sha256:" + new string('a', 64);

    private static ProvenanceFacts Facts(ProvenanceBuilder? builder = null) => new()
    {
        Subject = new AttestationSubject("127.0.0.1:5000/creditrobot", Digest),
        BuildType = "https://example.invalid/creditrobot/docs/provenance.md#build-type-v1",
        Targets = ["Publish"],
        Parameters =
        [
            new ParameterValue("Registry", "127.0.0.1:5000", IsSecret: false, IsSet: true),
            new ParameterValue("RegistryUsername", "ci", IsSecret: false, IsSet: true),
            new ParameterValue("RegistryPassword", null, IsSecret: true, IsSet: true),
            new ParameterValue("SigningKey", null, IsSecret: true, IsSet: false),
        ],
        Commit = new string('c', 40),
        Remote = "https://example.invalid/creditrobot",
        Branch = "main",
        Internal = new Dictionary<string, string> { ["platform"] = "linux/amd64", ["sourceDateEpoch"] = "1795000000" },
        Dependencies = [new ResolvedDependency("runtime base creditrobot/bootstrap-runtime-deps:bookworm", null,
            new Dictionary<string, string> { ["sha256"] = new string('b', 64) })],
        Builder = builder ?? ProvenanceBuilder.FromEnvironment(_ => null),
        StartedOn = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero),
        FinishedOn = new DateTimeOffset(2026, 12, 3, 9, 5, 0, TimeSpan.Zero),
    };

    [Fact]
    public void A_given_secret_is_listed_by_name_and_no_secret_is_a_parameter()
    {
        var bytes = SlsaProvenance.Write(Facts());

        var external = JsonNode.Parse(bytes)!["predicate"]!["buildDefinition"]!["externalParameters"]!;
        external["secrets"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal(["RegistryPassword"], "a secret not given is not listed");
        external["parameters"]!.AsObject().Select(p => p.Key).Should().Equal("Registry", "RegistryUsername");
    }

    [Fact]
    public void The_statement_is_about_the_image_digest_and_records_the_commit_bases_and_times()
    {
        var json = JsonNode.Parse(SlsaProvenance.Write(Facts()))!;

        json["_type"]!.GetValue<string>().Should().Be("https://in-toto.io/Statement/v1");
        json["predicateType"]!.GetValue<string>().Should().Be("https://slsa.dev/provenance/v1");
        json["subject"]![0]!["digest"]!["sha256"]!.GetValue<string>().Should().Be(new string('a', 64));
        var dependencies = json["predicate"]!["buildDefinition"]!["resolvedDependencies"]!.AsArray();
        dependencies[0]!["uri"]!.GetValue<string>().Should().Be("git+https://example.invalid/creditrobot");
        dependencies[0]!["digest"]!["gitCommit"]!.GetValue<string>().Should().Be(new string('c', 40));
        dependencies[1]!["digest"]!["sha256"]!.GetValue<string>().Should().Be(new string('b', 64));
        var metadata = json["predicate"]!["runDetails"]!["metadata"]!;
        (metadata["startedOn"]!.GetValue<string>(), metadata["finishedOn"]!.GetValue<string>()).Should().Be(("2026-12-03T09:00:00Z", "2026-12-03T09:05:00Z"));
    }

    [Fact]
    public void On_GitHub_Actions_the_builder_is_the_workflow_and_the_invocation_the_run()
    {
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "acme/creditrobot",
            ["GITHUB_WORKFLOW_REF"] = "acme/creditrobot/.github/workflows/publish.yml@refs/heads/main", ["GITHUB_RUN_ID"] = "42", ["GITHUB_RUN_ATTEMPT"] = "2",
        };

        var builder = ProvenanceBuilder.FromEnvironment(environment.GetValueOrDefault);
        var json = JsonNode.Parse(SlsaProvenance.Write(Facts(builder)))!["predicate"]!["runDetails"]!;

        json["builder"]!["id"]!.GetValue<string>().Should().Be("https://github.com/acme/creditrobot/.github/workflows/publish.yml@refs/heads/main");
        json["metadata"]!["invocationId"]!.GetValue<string>().Should().Be("https://github.com/acme/creditrobot/actions/runs/42/attempts/2");
    }

    [Fact]
    public void A_local_builder_names_the_host()
    {
        var builder = ProvenanceBuilder.FromEnvironment(_ => null);

        builder.Id.Should().Be("urn:creditrobot:builder:local");
        builder.Version.Should().ContainKey("host").WhoseValue.Should().Be(Environment.MachineName);
    }
}
