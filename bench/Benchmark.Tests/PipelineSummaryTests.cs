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
}
