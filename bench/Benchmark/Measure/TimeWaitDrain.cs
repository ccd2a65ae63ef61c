using System.Diagnostics;

namespace Benchmark.Measure;

/// <summary>
/// Waits until the TIME_WAIT sockets fall below a threshold, or a deadline passes: a server that closes every
/// connection leaves thousands of them, and the next run through the published port would fight for ephemeral
/// ports. Other processes on the machine add their own, so the deadline wins rather than failing; the count at
/// start is recorded next to each result.
/// </summary>
public static class TimeWaitDrain
{
    private const string TimeWaitState = "06"; // TCP_TIME_WAIT in the kernel's st column

    /// <summary>
    /// TIME_WAIT sockets of the host, or of the network namespace of process <paramref name="namespacePid"/>: the
    /// kernel's own tables, /proc/[pid]/net/tcp{,6} showing that process's namespace, so no tool is needed.
    /// </summary>
    public static int Count(int? namespacePid)
    {
        var root = namespacePid is { } pid ? $"/proc/{pid}/net" : "/proc/net";
        var count = 0;
        foreach (var table in new[] { "tcp", "tcp6" }.Select(t => Path.Combine(root, t)).Where(File.Exists))
            foreach (var line in File.ReadLines(table).Skip(1)) // the first line is the header
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == TimeWaitState) count++;
            }

        return count;
    }

    /// <summary>Returns the count when it went below <paramref name="threshold"/> or the deadline passed.</summary>
    public static async Task<int> WaitAsync(int threshold, TimeSpan deadline, TextWriter log, int? namespacePid, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var count = Count(namespacePid);
        while (count >= threshold && clock.Elapsed < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            count = Count(namespacePid);
        }

        if (count >= threshold)
            log.WriteLine($"  TIME_WAIT{Where(namespacePid)} still {count} (≥ {threshold}) after {deadline.TotalSeconds:0} s; measuring anyway (recorded).");
        else if (clock.Elapsed > TimeSpan.FromSeconds(1))
            log.WriteLine($"  TIME_WAIT{Where(namespacePid)} drained to {count} in {clock.Elapsed.TotalSeconds:0} s.");
        return count;
    }

    private static string Where(int? pid) => pid is null ? "" : " (container namespace)";
}
