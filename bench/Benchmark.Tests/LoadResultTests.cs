using Benchmark.Load;

namespace Benchmark.Tests;

public sealed class LoadResultTests
{
    private static IReadOnlyList<MemorySample> Series(Func<int, double> mib) =>
        Enumerable.Range(0, 60).Select(s => new MemorySample(s, (long)(mib(s) * 1048576))).ToArray();

    [Fact]
    public void A_gc_sawtooth_around_a_level_is_flat() =>
        LoadResult.Growth(Series(s => 40 + (s % 5) * 2), 60).Should().BeInRange(-0.05, 0.05);

    [Fact]
    public void A_steady_leak_over_the_second_half_is_growth() =>
        LoadResult.Growth(Series(s => 40 + s), 60).Should().BeGreaterThan(0.10);

    [Fact]
    public void Too_few_samples_cannot_be_judged() =>
        double.IsNaN(LoadResult.Growth(Series(s => 40).Take(3).ToArray(), 60)).Should().BeTrue();
}
