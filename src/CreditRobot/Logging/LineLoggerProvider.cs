using Microsoft.Extensions.Logging;
using ServerConfig;

namespace CreditRobot.Logging;

/// <summary>The error log: every Microsoft.Extensions.Logging line goes to one sink in one format.</summary>
public sealed class LineLoggerProvider(LogSink sink, LogFormat format) : ILoggerProvider
{
    /// <summary>
    /// The generic host's "Hosting failed to start" (Microsoft.Extensions.Hosting's event 11), with its stack trace.
    /// Program says why in one line (a port in use, too few threads allowed): the cause is the user's to fix, not ours.
    /// </summary>
    private static readonly EventId HostStartFailed = new(11, "HostedServiceStartupFaulted");

    public ILogger CreateLogger(string categoryName) => new LineLogger(sink, format, categoryName);

    public void Dispose() { }

    private sealed class LineLogger(LogSink sink, LogFormat format, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || (eventId == HostStartFailed && category == "Microsoft.Extensions.Hosting.Internal.Host")) return;
            sink.WriteLine(LogLines.Server(format, Name(logLevel), category, formatter(state, exception), exception));
        }

        // Gunicorn's level names, so loglevel in server.conf and the log lines agree.
        private static string Name(LogLevel level) => level switch
        {
            LogLevel.Trace or LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warning",
            LogLevel.Error => "error",
            _ => "critical",
        };
    }
}
