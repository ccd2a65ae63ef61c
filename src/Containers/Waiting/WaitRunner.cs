using System.Diagnostics;

namespace Containers.Waiting;

/// <summary>Runs a <see cref="WaitStrategy"/> against a started container.</summary>
internal static class WaitRunner
{
    public static async Task RunAsync(WaitStrategy strategy, IContainer container, CancellationToken cancellationToken)
    {
        foreach (var condition in strategy.Conditions)
        {
            await UntilAsync(strategy, condition, container, cancellationToken);
        }
    }

    private static async Task UntilAsync(WaitStrategy strategy, IWaitUntil condition, IContainer container, CancellationToken cancellationToken)
    {
        var timeout = condition.Timeout ?? strategy.DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var observation = "not checked yet";
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(timeout - clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
            try
            {
                var check = await condition.CheckAsync(container, attempt.Token);
                if (check.Satisfied) return;
                observation = check.Observation;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The attempt ran into the deadline; the timeout below reports it.
            }

            // Checked after the condition: a container that logged its message and exited still counts as ready.
            var status = await container.GetStatusAsync(cancellationToken);
            if (!status.Running)
            {
                var logs = await LogsAfterExitAsync(container, cancellationToken);
                throw new ContainerExitedException(
                    $"Container '{container.Name}' (image {container.Image}) exited with code {status.ExitCode}" +
                    $"{(status.OomKilled ? " (killed: out of memory)" : "")}{(string.IsNullOrEmpty(status.Error) ? "" : $" ({status.Error})")} " +
                    $"after {clock.Elapsed.TotalSeconds:0.0} s while waiting until {condition.Description}. " +
                    $"Last log lines:{Environment.NewLine}{logs.Tail()}",
                    status.ExitCode, logs);
            }

            if (clock.Elapsed >= timeout)
            {
                var logs = container.Logs;
                throw new ContainerWaitTimeoutException(
                    $"Container '{container.Name}' (image {container.Image}) was not ready after {timeout.TotalSeconds:0.#} s: " +
                    $"waited until {condition.Description}; last observation: {observation}. " +
                    $"Last log lines:{Environment.NewLine}{logs.Tail()}",
                    logs);
            }

            await Task.Delay(strategy.PollInterval, cancellationToken);
        }
    }

    // The live reader may lag behind the exit by a few milliseconds; the engine has the complete logs.
    private static async Task<Output.ContainerLogs> LogsAfterExitAsync(IContainer container, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetLogsAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return container.Logs;
        }
    }
}
