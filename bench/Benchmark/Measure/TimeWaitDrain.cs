using System.Diagnostics;
using Benchmark.Runtime;

namespace Benchmark.Measure;

/// <summary>
/// Waits until the host's TIME_WAIT sockets (<c>ss -tan state time-wait</c>) fall below a threshold, or a deadline
/// passes: a server that closes every connection leaves thousands of them, and the next run through the published
/// port would fight for ephemeral ports. Other processes on the machine add their own, so the deadline wins
/// rather than failing; the count at start is recorded next to each result.
/// </summary>
public static class TimeWaitDrain
{
    /// <summary>TIME_WAIT sockets of the host, or of the network namespace of process <paramref name="namespacePid"/>.</summary>
    public static async Task<int> CountAsync(int? namespacePid, CancellationToken ct)
    {
        string[] ss = ["ss", "-tan", "state", "time-wait"];
        var outcome = namespacePid is { } pid
            ? await ChildProcess.RunAsync("nsenter", ["-n", "-t", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), .. ss], TimeSpan.FromSeconds(10), ct)
            : await ChildProcess.RunAsync(ss[0], ss[1..], TimeSpan.FromSeconds(10), ct);
        if (outcome.ExitCode != 0)
            throw new BenchmarkException($"'ss -tan state time-wait' failed ({outcome.ExitCode}): {outcome.Tail()}. Install iproute2.");
        // The first line is the header.
        return Math.Max(0, outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    /// <summary>Returns the count when it went below <paramref name="threshold"/> or the deadline passed.</summary>
    public static async Task<int> WaitAsync(int threshold, TimeSpan deadline, TextWriter log, int? namespacePid, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var count = await CountAsync(namespacePid, ct);
        while (count >= threshold && clock.Elapsed < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            count = await CountAsync(namespacePid, ct);
        }

        if (count >= threshold)
            log.WriteLine($"  TIME_WAIT{Where(namespacePid)} still {count} (≥ {threshold}) after {deadline.TotalSeconds:0} s; measuring anyway (recorded).");
        else if (clock.Elapsed > TimeSpan.FromSeconds(1))
            log.WriteLine($"  TIME_WAIT{Where(namespacePid)} drained to {count} in {clock.Elapsed.TotalSeconds:0} s.");
        return count;
    }

    private static string Where(int? pid) => pid is null ? "" : " (container namespace)";
}
