using System.Diagnostics;

namespace TypedBuild;

/// <summary>Runs a plan target by target, then the cleanups, then prints the summary.</summary>
internal sealed class BuildExecutor(BuildScript build, BuildLog log, BuildSummary summary)
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    public async Task<int> RunAsync(IReadOnlyList<BuildTarget> plan, IReadOnlySet<BuildTarget> skipped, bool proceedAfterFailure, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var runs = plan.ToDictionary(t => t, t => new TargetRun(t));
        foreach (var target in plan)
            summary.AddRun(runs[target]);

        var stopped = false; // a target failed without ProceedAfterFailure
        foreach (var target in plan)
        {
            var run = runs[target];
            if (skipped.Contains(target))
            {
                (run.Status, run.Note) = (TargetStatus.Skipped, "--skip");
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                run.Note = "cancelled";
                continue;
            }

            var blocker = target.DependsOn.FirstOrDefault(d => runs.TryGetValue(d, out var r) && r.Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Cancelled);
            if (!target.AssuredAfterFailure && (stopped || blocker is not null))
            {
                run.Note = blocker is not null ? $"{blocker.Name} did not succeed" : "an earlier target failed";
                continue;
            }

            await RunTargetAsync(run, cancellationToken);
            if (run.Status == TargetStatus.Failed && !target.ProceedAfterFailure && !proceedAfterFailure)
                stopped = true;
        }

        var cleanupFailed = await RunCleanupsAsync();
        var failed = cleanupFailed || runs.Values.Any(r => r.Status is TargetStatus.Failed or TargetStatus.Cancelled);
        SummaryWriter.Write(log, summary, clock.Elapsed, failed, cancellationToken.IsCancellationRequested);
        // Cancelled wins over failed: the cleanups above ran, and the shell should see an interrupted command.
        if (cancellationToken.IsCancellationRequested)
            return BuildEngine.Cancelled;
        // A target that found the invocation unusable (e.g. --skip of the target that makes what it needs) is a usage error.
        if (runs.Values.Any(r => r is { Status: TargetStatus.Failed, Error: UsageException }))
            return BuildEngine.UsageError;
        return failed ? BuildEngine.TargetFailed : BuildEngine.Success;
    }

    private async Task RunTargetAsync(TargetRun run, CancellationToken cancellationToken)
    {
        var target = run.Target;
        var clock = Stopwatch.StartNew();
        summary.Current = run;
        try
        {
            foreach (var condition in target.Definition.Conditions)
            {
                if (!condition.Condition())
                {
                    (run.Status, run.Note) = (TargetStatus.Skipped, $"condition false: {condition.Text}");
                    log.Info($"Skipping {target.Name}: condition false: {condition.Text}");
                    return;
                }
            }

            log.Header(target.Name);
            foreach (var action in target.Definition.Actions)
                await action(cancellationToken);
            run.Status = TargetStatus.Succeeded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (run.Status, run.Note) = (TargetStatus.Cancelled, "cancelled (Ctrl+C)");
            log.Warn($"Target {target.Name} was cancelled.");
        }
        catch (Exception e)
        {
            var error = Unwrap(e);
            run.Status = TargetStatus.Failed;
            run.Error = error;
            log.Error($"Target {target.Name} failed: {Describe(error, log.Verbosity)}");
        }
        finally
        {
            run.Duration = clock.Elapsed;
            summary.Current = null;
        }
    }

    /// <summary>Last registered first; each gets a fresh token, since the build token may be cancelled.</summary>
    private async Task<bool> RunCleanupsAsync()
    {
        var failed = false;
        var cleanups = build.Context.Cleanups;
        for (var i = cleanups.Count - 1; i >= 0; i--)
        {
            var (name, action) = cleanups[i];
            var clock = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(CleanupTimeout);
            try
            {
                log.Verbose($"Cleanup: {name}");
                await action(timeout.Token);
            }
            catch (Exception e)
            {
                failed = true;
                var message = Describe(Unwrap(e), log.Verbosity);
                log.Error($"Cleanup '{name}' failed: {message}");
                summary.AddRow($"cleanup: {name}", TargetStatus.Failed, clock.Elapsed, message);
            }
        }

        cleanups.Clear();
        return failed;
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;

    /// <summary>Expected failures print their message; anything else also its type. Stack traces only when verbose.</summary>
    internal static string Describe(Exception e, Verbosity verbosity) => verbosity == Verbosity.Verbose
        ? e.ToString()
        : e is BuildException or UsageException ? e.Message : $"{e.GetType().Name}: {e.Message}";
}
