using Benchmark;
using Benchmark.Measure;

namespace Benchmark.Tests;

public sealed class WrkParseTests
{
    private const string Output = """
        Running 5s test @ http://127.0.0.1:5000/api/quote
          2 threads and 64 connections
        Requests/sec:   1480.29
        WRK_JSON {"requests":7400,"duration_us":5000000,"connect":1,"read":2,"write":3,"status":4,"timeout":5,"mean_us":1655.9,"p50_us":1087,"p90_us":3158,"p99_us":10578,"max_us":17747}
        """;

    [Fact]
    public void Reads_the_summary_line_of_the_done_hook()
    {
        var result = Wrk.Parse(Output, "http://x/", inNamespace: true, connections: 64, threads: 2);

        result.Requests.Should().Be(7400);
        result.RequestsPerSecond.Should().BeApproximately(1480, 0.001);
        result.P50Ms.Should().BeApproximately(1.087, 1e-9);
        result.P99Ms.Should().BeApproximately(10.578, 1e-9);
        result.Non2xx.Should().Be(4);
        result.SocketErrors.Should().Be(1 + 2 + 3 + 5);
        result.InContainerNamespace.Should().BeTrue();
    }

    [Fact]
    public void Output_without_the_summary_line_is_an_error_that_shows_the_output()
    {
        var parse = () => Wrk.Parse("unable to connect to 127.0.0.1:9 Connection refused", "http://127.0.0.1:9/", false, 1, 1);

        parse.Should().Throw<BenchmarkException>().WithMessage("*WRK_JSON*Connection refused*");
    }

    [Fact]
    public void A_run_without_answers_has_no_latency_rather_than_zero()
    {
        var result = Wrk.Parse("""WRK_JSON {"requests":0,"duration_us":5000000,"connect":0,"read":0,"write":0,"status":0,"timeout":0,"mean_us":0,"p50_us":0,"p90_us":0,"p99_us":0,"max_us":0}""",
            "http://x/", false, 16, 2);

        double.IsNaN(result.P99Ms).Should().BeTrue();
        (result.P99Ms <= 2.0).Should().BeFalse("a stalled run must never pass a latency bound");
    }
}
