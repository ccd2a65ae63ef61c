using Images.Platforms;
using System.Text.Json.Nodes;
using Images.Assembly;

namespace Images.Tests.Assembly;

/// <summary>The assembled config keeps what the Dockerfile declares and drops what the engine adds per build.</summary>
public sealed class ImageConfigWriterTests
{
    private static readonly DateTimeOffset SourceDate = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly NormalizedLayer Layer = new("/tmp/x.tar", "sha256:" + new string('c', 64), 3, 1024);

    // What engine 20.10's classic builder writes for FROM base / WORKDIR /app / USER 1654 / COPY --from=build /out/ /.
    private static JsonObject Built(string buildTime, string parentStep) => JsonNode.Parse($$$"""
        {"architecture":"amd64",
         "config":{"Hostname":"","User":"1654","Env":["PATH=/usr/bin","ASPNETCORE_ENVIRONMENT=Production"],"Cmd":null,
                   "Healthcheck":{"Test":["CMD","/app/CreditRobot","--healthcheck"],"Interval":10000000000},
                   "Image":"{{{parentStep}}}","Volumes":null,"WorkingDir":"/app","Entrypoint":["/app/CreditRobot"],
                   "ExposedPorts":{"8080/tcp":{}},"Labels":{"org.opencontainers.image.revision":"abc"}},
         "container":"0123abc","container_config":{"Hostname":"0123abc"},
         "created":"{{{buildTime}}}","docker_version":"20.10.24+dfsg1",
         "history":[{"created":"2026-01-01T00:00:00Z","created_by":"bootstrap"},
                    {"created":"2026-01-01T00:00:00Z","created_by":"CMD []","empty_layer":true},
                    {"created":"{{{buildTime}}}","created_by":"/bin/sh -c #(nop) WORKDIR /app"},
                    {"created":"{{{buildTime}}}","created_by":"/bin/sh -c #(nop)  USER 1654","empty_layer":true},
                    {"created":"{{{buildTime}}}","created_by":"/bin/sh -c #(nop) COPY dir:{{{parentStep}}} in / "}],
         "os":"linux",
         "rootfs":{"type":"layers","diff_ids":["sha256:{{{new string('a', 64)}}}","sha256:{{{new string('b', 64)}}}","sha256:{{{new string('d', 64)}}}"]}}
        """)!.AsObject();

    private static JsonObject Write(JsonObject built, ImagePlatform? platform = null) =>
        JsonNode.Parse(ImageConfigWriter.Write(built, baseLayers: 1, baseHistory: 2, Layer, platform ?? ImagePlatform.LinuxAmd64, SourceDate,
            "COPY --from=build /out/ /"))!.AsObject();

    [Fact]
    public void Two_builds_at_other_times_with_other_parent_steps_give_the_same_bytes()
    {
        var first = ImageConfigWriter.Write(Built("2026-12-03T09:00:00.123Z", "sha256:1111"), 1, 2, Layer, ImagePlatform.LinuxAmd64, SourceDate, "COPY");
        var second = ImageConfigWriter.Write(Built("2026-12-04T17:30:00.456Z", "sha256:2222"), 1, 2, Layer, ImagePlatform.LinuxAmd64, SourceDate, "COPY");

        second.Should().Equal(first);
    }

    [Fact]
    public void The_declared_config_is_kept_and_the_engine_s_per_build_fields_are_dropped()
    {
        var config = Write(Built("2026-12-03T09:00:00Z", "sha256:1111"));

        config["created"]!.GetValue<string>().Should().Be("2026-11-21T10:00:00Z");
        config.Select(p => p.Key).Should().BeEquivalentTo("architecture", "config", "created", "history", "os", "rootfs");
        var declared = config["config"]!.AsObject();
        declared.Select(p => p.Key).Should().BeEquivalentTo("User", "Env", "Healthcheck", "WorkingDir", "Entrypoint", "ExposedPorts", "Labels");
        declared["User"]!.GetValue<string>().Should().Be("1654");
        declared["Healthcheck"]!["Test"]!.AsArray().Should().HaveCount(3);
    }

    [Fact]
    public void The_base_layers_stay_and_the_final_stage_s_layers_become_the_one_normalised_layer()
    {
        var config = Write(Built("2026-12-03T09:00:00Z", "sha256:1111"));

        config["rootfs"]!["diff_ids"]!.AsArray().Select(d => d!.GetValue<string>())
            .Should().Equal("sha256:" + new string('a', 64), Layer.DiffId);
        var history = config["history"]!.AsArray().Select(h => h!.AsObject()).ToList();
        history.Select(h => h["created_by"]!.GetValue<string>())
            .Should().Equal("bootstrap", "CMD []", "/bin/sh -c #(nop)  USER 1654", "COPY --from=build /out/ /");
        history[0]["created"]!.GetValue<string>().Should().Be("2026-01-01T00:00:00Z", "the base's history is the base's");
        history.Skip(2).Should().AllSatisfy(h => h["created"]!.GetValue<string>().Should().Be("2026-11-21T10:00:00Z"));
        history.Count(h => h["empty_layer"]?.GetValue<bool>() != true).Should().Be(2, "one history entry per layer");
    }

    [Fact]
    public void The_platform_comes_from_the_caller_not_the_engine()
    {
        // Built on amd64 (the engine says so in the built config), assembled for arm64.
        var config = Write(Built("2026-12-03T09:00:00Z", "sha256:1111"), ImagePlatform.LinuxArm64);

        config["architecture"]!.GetValue<string>().Should().Be("arm64");
        config["os"]!.GetValue<string>().Should().Be("linux");
    }
}
