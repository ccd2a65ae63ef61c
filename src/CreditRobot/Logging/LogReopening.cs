using System.Runtime.InteropServices;

namespace CreditRobot.Logging;

/// <summary>
/// USR1 and HUP reopen the log files, as Gunicorn does on USR1 (and on HUP, which reloads its workers): logrotate
/// moves access.log away and signals the process, and the next lines go to a new access.log. Without a handler
/// either signal would end the process.
/// </summary>
public sealed class LogReopening : IDisposable
{
    private const int SigUsr1 = 10; // Linux; PosixSignal has no name for it, raw numbers are allowed
    private readonly PosixSignalRegistration[] _signals;

    public LogReopening(IReadOnlyList<LogSink> sinks, ILogger log)
    {
        void Reopen(PosixSignalContext context, string name)
        {
            context.Cancel = true; // not the default action (terminate)
            var failures = sinks.Select(s => s.Reopen()).OfType<string>().ToList();
            if (failures.Count == 0) log.LogInformation("{Signal}: log files reopened", name);
            else foreach (var failure in failures) log.LogError("{Signal}: {Failure}", name, failure);
        }

        _signals =
        [
            PosixSignalRegistration.Create((PosixSignal)SigUsr1, c => Reopen(c, "SIGUSR1")),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => Reopen(c, "SIGHUP")),
        ];
    }

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
    }
}
