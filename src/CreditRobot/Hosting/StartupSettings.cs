using CreditRobot.Data;
using CreditRobot.Logging;
using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>Everything decided before the host is built; any problem is printed once to stderr.</summary>
public sealed record StartupSettings(
    CommandLineArgs Cli,
    ResolvedSettings Resolved,
    string? ConnectionString,
    LogSink ErrorLog,
    LogSink? AccessLog)
{
    /// <summary>Null (after printing every error to stderr) when the settings are unusable.</summary>
    public static StartupSettings? Load(string[] args)
    {
        try
        {
            var cli = CommandLine.Parse(args);
            var resolved = ConfigResolver.Resolve(cli);
            var environment = ConfigResolver.ReadEnvironment();
            var connectionString = DatabaseUrl.ConnectionString(environment);
            if (cli.Mode == RunMode.Serve && LocalAddresses.Problem(resolved.Settings.Bind) is { } problem)
                throw new ServerConfigException($"{resolved.SourceOf("bind")}: bind: {problem}");
            if (cli.Mode == RunMode.Serve) TlsCertificate.Load(resolved.Settings, resolved)?.Dispose();
            if (cli.Mode != RunMode.Serve) return new StartupSettings(cli, resolved, connectionString, LogSink.Open("-", Console.OpenStandardError)!, null);
            var errorLog = OpenLog(resolved, "errorlog", resolved.Settings.ErrorLog, Console.OpenStandardError, background: false)!;
            var accessLog = OpenLog(resolved, "accesslog", resolved.Settings.AccessLog, Console.OpenStandardOutput, background: true);
            return new StartupSettings(cli, resolved, connectionString, errorLog, accessLog);
        }
        catch (ServerConfigException e)
        {
            Console.Error.WriteLine(e.Message);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
        }
        return null;
    }

    private static LogSink? OpenLog(ResolvedSettings resolved, string key, string target, Func<Stream> standard, bool background)
    {
        try
        {
            return LogSink.Open(target, standard, background);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServerConfigException($"{resolved.SourceOf(key)}: {key}: cannot open '{target}': {e.Message} (expected a writable file path)");
        }
    }
}
