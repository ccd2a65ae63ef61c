using Benchmark.Runtime;
using CliWrap;
using CliWrap.Buffered;

namespace Benchmark.Measure;

/// <summary>
/// One timed build.sh invocation with the project's target time for it (issue 13: cold Image ≤ 120 s, no-op Image ≤ 1 s,
/// one .cs edit → smoke-tested image ≤ 90 s). <see cref="Passed"/> is false when it
/// failed or the target does not exist yet.
/// </summary>
public sealed record PipelineStep(string Name, string Command, double Seconds, int ExitCode, string? Note, double LimitSeconds)
{
    public bool Passed => ExitCode == 0;

    /// <summary>Where the time went, from the build's own summary table: "Compile 21.4 s", "Image 38.0 s", …</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Rows "| Target | Status | Duration | Note |" of TypedBuild's closing summary, as "Target duration".</summary>
    public static IReadOnlyList<string> ParseSummary(string output) =>
        output.Split('\n')
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length >= 5 && cells[2] is "Succeeded" or "Failed" or "Skipped" or "NotRun" or "Cancelled"
                            && cells[3].Length > 0 && !cells[1].StartsWith('-')) // "- Group" rows detail a target, untimed
            .Select(cells => $"{cells[1]} {cells[3]}{(cells[2] == "Succeeded" ? "" : $" ({cells[2]})")}")
            .ToArray();
}

/// <summary>
/// Our own pipeline as a user runs it, timed as child processes of build.sh: cold Image, no-op Image, and one .cs
/// edit → smoke-tested image. The edit is one small .cs file with an assembly attribute, always removed again (finally),
/// also on Ctrl+C. A step that fails is recorded with its exit code and last lines, not hidden.
/// </summary>
public sealed class PipelineTimings(BenchmarkOptions options, TextWriter log)
{
    public async Task<IReadOnlyList<PipelineStep>> RunAsync(CancellationToken ct)
    {
        var script = Path.Combine(options.RepositoryRoot, "build.sh");
        if (!File.Exists(script))
            return [new PipelineStep("pipeline", "./build.sh", double.NaN, -1, $"{script} not found", double.NaN)];

        // Without a no-cache argument the first build uses whatever cache exists: named so, never passed off as cold.
        var first = options.ColdImageArguments.Count > 0 ? "cold Image" : "first Image (cache as found)";
        var steps = new List<PipelineStep>
        {
            await StepAsync(first, ["Image", .. options.ColdImageArguments], 120, ct),
            await StepAsync("no-op Image", ["Image"], 1, ct),
        };

        // A comment would not do: the build is deterministic, so an unchanged IL gives the same image. An assembly
        // attribute with a fresh value changes the IL and nothing else. The file is removed (or restored) in finally.
        var file = Path.Combine(options.RepositoryRoot, options.EditedSourceFile);
        if (!Directory.Exists(Path.GetDirectoryName(file)))
        {
            steps.Add(new PipelineStep(EditStep, "./build.sh SmokeTest", double.NaN, -1, $"{Path.GetDirectoryName(file)} not found", 90));
            return steps;
        }

        var original = File.Exists(file) ? await File.ReadAllBytesAsync(file, ct) : null;
        try
        {
            await File.WriteAllTextAsync(file,
                $"[assembly: System.Reflection.AssemblyMetadata(\"benchmark-edit\", \"{Guid.NewGuid():N}\")]\n", ct);
            steps.Add(await StepAsync(EditStep, ["SmokeTest"], 90, ct));
        }
        finally
        {
            if (original is null)
                File.Delete(file);
            else
                await File.WriteAllBytesAsync(file, original, CancellationToken.None);
        }

        // Untimed: build the checkout as it is again, so the image tags do not keep pointing at the edited build.
        await StepAsync("rebuild without the edit (untimed)", ["Image"], double.NaN, ct);
        return steps;
    }

    private const string EditStep = ".cs edit → smoke-tested image";

    private async Task<PipelineStep> StepAsync(string name, IReadOnlyList<string> arguments, double limitSeconds, CancellationToken ct)
    {
        var command = $"./build.sh {string.Join(' ', arguments)}";
        log.WriteLine($"  {name}: {command}");
        BufferedCommandResult outcome;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.PipelineStepTimeout);
        try
        {
            // CliWrap kills the build's process tree on cancellation: a cancelled benchmark leaves no nested build running.
            outcome = await Cli.Wrap(Path.Combine(options.RepositoryRoot, "build.sh")).WithArguments(arguments)
                .WithWorkingDirectory(options.RepositoryRoot).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var message = $"'{command}' did not finish within {options.PipelineStepTimeout.TotalSeconds:0} s and was killed.";
            log.WriteLine($"    failed: {message}");
            return new PipelineStep(name, command, double.NaN, -1, message, limitSeconds);
        }

        var seconds = outcome.RunTime.TotalSeconds;
        log.WriteLine(outcome.ExitCode == 0
            ? $"    {seconds:0.0} s"
            : $"    exit code {outcome.ExitCode} after {seconds:0.0} s; last lines:\n{Indent(Tail(outcome, 10))}");
        var targets = PipelineStep.ParseSummary(outcome.StandardOutput + "\n" + outcome.StandardError);
        if (targets.Count > 0)
            log.WriteLine($"    {string.Join(", ", targets)}");
        return new PipelineStep(name, command, seconds, outcome.ExitCode, outcome.ExitCode == 0 ? null : Tail(outcome, 5), limitSeconds)
        {
            Targets = targets,
        };
    }

    private static string Tail(BufferedCommandResult outcome, int lines) =>
        string.Join('\n', (outcome.StandardOutput + "\n" + outcome.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "      " + l));
}
