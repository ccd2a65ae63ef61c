namespace Benchmark.Results;

/// <summary>
/// One goal of the issue with its verdict. <see cref="Passed"/> is null when it could not be measured in this run
/// (a section was skipped or failed): reported as "not measured", never as a pass.
/// </summary>
public sealed record Goal(string Name, string Target, string Ours, string Peer, string Ratio, bool? Passed, string? Gap)
{
    public string Verdict => Passed switch { true => "pass", false => "MISS", null => "not measured" };
}
