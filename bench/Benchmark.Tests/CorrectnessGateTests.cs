using Benchmark.Measure;

namespace Benchmark.Tests;

public sealed class CorrectnessGateTests
{
    [Theory]
    [InlineData("""{"amount":10000,"approved":true}""", """{"approved":true,"amount":10000.0}""")]
    [InlineData("""{"status":400,"traceId":"00-a-b-00","errors":{"term":["is required"]}}""",
        """{"errors":{"term":["is required"]},"status":400,"traceId":"00-c-d-00"}""")]
    [InlineData("""{"monthlyPayment":700.00}""", """{"monthlyPayment":700}""")]
    public void Equivalent_json_ignores_key_order_number_spelling_and_trace_ids(string ours, string peer) =>
        CorrectnessGate.JsonEquivalent(ours, peer).Should().BeTrue();

    [Theory]
    [InlineData("""{"monthlyPayment":700.01}""", """{"monthlyPayment":700.00}""")]
    [InlineData("""{"approved":true}""", """{"approved":false}""")]
    [InlineData("""{"amount":1,"reason":"x"}""", """{"amount":1}""")]
    [InlineData("""{"amount":"1"}""", """{"amount":1}""")]
    [InlineData("""{"errors":{"term":["is required"]}}""", """{"errors":{"income":["is required"]}}""")]
    public void Different_answers_are_not_equivalent(string ours, string peer) =>
        CorrectnessGate.JsonEquivalent(ours, peer).Should().BeFalse();

    [Fact]
    public void The_gate_checks_valid_edges_and_invalid_inputs() =>
        CorrectnessGate.Queries.Should().Contain(q => q.Contains("income=2000&", StringComparison.Ordinal))
            .And.Contain("").And.HaveCountGreaterThan(20);
}
