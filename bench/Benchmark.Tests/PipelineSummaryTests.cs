using Benchmark.Measure;

namespace Benchmark.Tests;

public sealed class PipelineSummaryTests
{
    private const string Output = """
        +--------------+-----------+-------------+---------------------------------------------+
        | Target       | Status    |    Duration | Note                                        |
        |--------------+-----------+-------------+---------------------------------------------|
        | Engine       | Succeeded |       0.3 s | unix:///var/run/docker.sock, API 1.41       |
        | Image        | Succeeded |  1 min 33 s | f3fccd93427a, 36.7 MB, 3 layers, audited    |
        | SmokeTest    | Failed    |      31.0 s | 2 failed                                    |
        | - HardeningTests | Succeeded |          | 4 passed                                  |
        +--------------+-----------+-------------+---------------------------------------------+
        Build failed in 2 min 5 s
        """;

    [Fact]
    public void The_build_summary_tells_where_the_time_went() =>
        PipelineStep.ParseSummary(Output).Should().Equal("Engine 0.3 s", "Image 1 min 33 s", "SmokeTest 31.0 s (Failed)");

    [Fact]
    public void Output_without_a_summary_gives_nothing() =>
        PipelineStep.ParseSummary("build.sh: unknown target 'Benchmarkx'").Should().BeEmpty();

    [Fact]
    public void A_targets_time_is_read_back_in_seconds_and_a_failed_or_missing_target_has_none()
    {
        var step = new PipelineStep("edit", "./build.sh SmokeTest", 150, 1, null, 90) { Targets = PipelineStep.ParseSummary(Output) };

        step.TargetSeconds("Image").Should().Be(93);
        step.TargetSeconds("Engine").Should().Be(0.3);
        step.TargetSeconds("SmokeTest").Should().BeNull("it failed: its time is no measurement of the loop");
        step.TargetSeconds("Publish").Should().BeNull();
    }

    [Fact]
    public void The_attestation_time_is_the_line_publish_prints_once()
    {
        PipelineTimings.AttachedSeconds("Image ok\nAttestations: 3.4 s (2 images, SBOM + provenance + signature each)\n| Publish | Succeeded |").Should().Be(3.4);
        PipelineTimings.AttachedSeconds("signed, SBOM + provenance attached (1.2 s)").Should().BeNull("only the build's own one-line total counts");
    }
}
