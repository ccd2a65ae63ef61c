using System.Runtime.InteropServices;

namespace CreditRobot.Hosting;

/// <summary>
/// The host's lifetime: SIGTERM, SIGINT and SIGQUIT stop the app gracefully, as the generic host's ConsoleLifetime does,
/// but the signal is known before the stopping callbacks run, so the shutdown line can name it.
/// </summary>
public sealed class SignalLifetime(IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];

    /// <summary>The signal that started the shutdown, e.g. SIGTERM; null while running or when stopped otherwise.</summary>
    public string? Signal { get; private set; }

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var (signal, name) in new[] { (PosixSignal.SIGTERM, "SIGTERM"), (PosixSignal.SIGINT, "SIGINT"), (PosixSignal.SIGQUIT, "SIGQUIT") })
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // a graceful stop, not the default action (terminate)
                Signal ??= name;
                lifetime.StopApplication();
            }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
    }
}
