using System.Diagnostics;
using System.Globalization;

namespace Containers;

/// <summary>
/// A process as a later process can recognise it: pid plus start time, so a pid the kernel reused after a crash
/// is not mistaken for the original process still running.
/// </summary>
public sealed record ProcessIdentity(int Pid, string StartTime)
{
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId)
        ?? throw new InvalidOperationException("Cannot read the start time of the current process.");

    /// <summary>The identity of a running process, or null when no process has that pid.</summary>
    public static ProcessIdentity? Of(int pid)
    {
        var start = ReadStartTime(pid);
        return start is null ? null : new ProcessIdentity(pid, start);
    }

    /// <summary>True when a process with this pid runs now and started at the recorded time.</summary>
    public bool IsAlive() => ReadStartTime(Pid) is { } now && now == StartTime;

    private static string? ReadStartTime(int pid)
    {
        if (pid <= 0) return null;
        if (OperatingSystem.IsLinux()) return ReadLinuxStartTicks(pid);
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    // Field 22 of /proc/<pid>/stat is the start time in clock ticks since boot. The command name (field 2) may
    // contain spaces and parentheses, so fields are counted after its last closing parenthesis.
    private static string? ReadLinuxStartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var afterName = stat.LastIndexOf(')');
        if (afterName < 0) return null;
        var fields = stat[(afterName + 2)..].Split(' ');
        // fields[0] is field 3 (state); field 22 is fields[19]. A zombie has exited already.
        if (fields.Length < 20 || fields[0] == "Z") return null;
        return fields[19];
    }
}
