using System.Runtime.InteropServices;

namespace TypedBuild;

/// <summary>arguments → model → parameters → plan → requirements → run → summary → exit code.</summary>
public static class BuildEngine
{
    public const int Success = 0;
    public const int TargetFailed = 1;
    public const int UsageError = 2;

    /// <summary>128 + SIGINT, the shell's convention for a command stopped by Ctrl+C.</summary>
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(BuildScript build, BuildHost host, Func<BuildScript, Target>? defaultTarget)
    {
        var redactor = new SecretRedactor();
        var log = host.Console is { } console
            ? new BuildLog(console, redactor, Verbosity.Normal)
            : BuildLog.ForProcess(host.Environment, redactor);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(host.CancellationToken);
        using var signals = host.HandleSignals ? HandleSignals(cancellation, log) : null;
        try
        {
            var root = host.FindRoot();
            var summary = new BuildSummary();
            build.Context = new BuildContext(log, summary, new ProcessRunner(log, root), host.Environment);
            build.RootDirectory = AbsolutePath.Create(root);
            var invocation = Invocation.Prepare(build, host, defaultTarget, log);
            if (invocation is null)
                return Success;
            return await new BuildExecutor(build, log, summary).RunAsync(invocation.Plan, invocation.Skipped, invocation.Continue, cancellation.Token);
        }
        catch (UsageException e)
        {
            foreach (var error in e.Errors)
                log.Error($"error: {error}");
            log.Line("Run with --help to list targets and parameters.");
            return UsageError;
        }
        catch (Exception e)
        {
            log.Error(log.Verbosity == Verbosity.Verbose ? $"error: {e}" : $"error: {e.Message}");
            return TargetFailed;
        }
    }

    /// <summary>First Ctrl+C (or SIGTERM) cancels the running target; a second Ctrl+C ends the process.</summary>
    private static IDisposable HandleSignals(CancellationTokenSource cancellation, BuildLog log)
    {
        void Cancel()
        {
            if (cancellation.IsCancellationRequested)
                return;
            log.Warn("Cancelling: stopping the running target and its processes (Ctrl+C again to abort)...");
            cancellation.Cancel();
        }

        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = !cancellation.IsCancellationRequested;
            Cancel();
        };
        Console.CancelKeyPress += handler;
        var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Cancel();
        });
        return new Registration(() =>
        {
            Console.CancelKeyPress -= handler;
            term.Dispose();
        });
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
