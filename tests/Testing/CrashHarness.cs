using System.Globalization;
using System.Reflection;
using Containers;
using TypedBuild;

namespace Testing;

/// <summary>
/// A crash of a test process, for the tests that prove the sweep: the test assembly doubles as a program (its own
/// <c>Main</c> calls <see cref="MainAsync"/>). <c>crash-child</c> creates resources as the tests do, prints
/// <c>READY pid session ids…</c> and waits to be killed with SIGKILL; <c>next-run</c> is a later run's first use
/// and prints what its sweep removed. Neither child uses Ryuk, so the sweep alone must clean up.
/// </summary>
public static class CrashHarness
{
    public const string CrashChild = "crash-child";
    public const string NextRun = "next-run";

    /// <summary>The test assembly's entry point when run as a program (the test runner never calls it).</summary>
    public static async Task<int> MainAsync(string[] args, Func<Task<IReadOnlyList<string>>> createResources)
    {
        switch (args)
        {
            case [CrashChild]:
                var ids = await createResources();
                Console.WriteLine($"READY {Environment.ProcessId} {Session.Id} {string.Join(' ', ids)}");
                await Task.Delay(Timeout.InfiniteTimeSpan);
                return 0;
            case [NextRun]:
                var swept = TestcontainersEngine.Facts.FirstSweep;
                Console.WriteLine($"SWEPT {string.Join(',', swept.Sessions)}");
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Run the tests with `dotnet test`; `{CrashChild}` and `{NextRun}` are the crash test's child processes.");
                return 2;
        }
    }

    /// <summary>Runs <paramref name="testAssembly"/>'s crash child until it is READY, then kills it with SIGKILL.</summary>
    public static async Task<CrashedChild> CrashChildAsync(Assembly testAssembly, TimeSpan readyTimeout)
    {
        var ready = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var child = Run(testAssembly, CrashChild, line =>
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal)) ready.TrySetResult(line.Split(' ')[1..]);
        });
        var first = await Task.WhenAny(ready.Task, child, Task.Delay(readyTimeout));
        if (first != ready.Task)
            throw new TimeoutException($"The crash child did not print READY within {readyTimeout.TotalSeconds:0} s" +
                                       (child.IsCompleted ? $"; it exited {(await child).ExitCode}: {(await child).StandardError}" : "."));
        var fields = await ready.Task;
        var pid = int.Parse(fields[0], CultureInfo.InvariantCulture);
        // SIGKILL, as `kill -9`: no finally blocks, no dispose.
        await ProcessRunner.Silent.RunAsync("kill", ["-9", fields[0]]);
        var exitCode = (await child).ExitCode;
        return new CrashedChild(pid, exitCode, fields[1], fields[2..]);
    }

    /// <summary>The sessions a later run's first use swept.</summary>
    public static async Task<IReadOnlyList<string>> NextRunSweptSessionsAsync(Assembly testAssembly)
    {
        var output = (await Run(testAssembly, NextRun, null)).StandardOutput;
        var line = output.Split('\n').Single(l => l.StartsWith("SWEPT ", StringComparison.Ordinal));
        return line["SWEPT ".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Task<ToolResult> Run(Assembly testAssembly, string command, Action<string>? onLine) =>
        ProcessRunner.Silent.RunAsync("dotnet", [testAssembly.Location, command], new ToolOptions
        {
            Environment = new Dictionary<string, string?> { [TestcontainersEngine.RyukDisabledVariable] = "true" },
            CheckExitCode = false,
            OnOutput = onLine,
        });
}

/// <summary>A killed crash child: its pid, exit code (137 after SIGKILL), session and the resource ids it printed.</summary>
public sealed record CrashedChild(int Pid, int ExitCode, string Session, IReadOnlyList<string> Ids);
