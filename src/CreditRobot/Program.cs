using CreditRobot.Applications;
using CreditRobot.Data;
using CreditRobot.Health;
using CreditRobot.Hosting;
using CreditRobot.Logging;
using CreditRobot.Pages;
using CreditRobot.Quotes;
using System.Runtime.InteropServices;
using ServerConfig;

// 1. Settings: server.conf < environment < command line. Bad input stops us here, before listening.
StartupSettings? startup;
try { startup = StartupSettings.Load(args); }
catch (Exception e) when (StartupLimits.WasRefused(e)) { Console.Error.WriteLine(StartupLimits.Refused); return ExitCodes.Failure; } // the access-log writer's thread
if (startup is null) return ExitCodes.BadConfiguration;
var (cli, resolved, connectionString, errorLog, accessLog) = startup;
var settings = resolved.Settings;
switch (cli.Mode)
{
    case RunMode.Help: Console.Write(SettingsDocs.HelpText("CreditRobot")); return ExitCodes.Ok;
    case RunMode.CheckConfig: Console.WriteLine(resolved.Describe()); return ExitCodes.Ok;
    case RunMode.HealthCheck: return await HealthCheckProbe.RunAsync(args, settings, Console.Out, CancellationToken.None);
}

// 2. Host: every setting applied to Kestrel, the host, the thread pool and logging.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.ApplyServerSettings(settings, errorLog);
var minThreads = ServerBuilder.ApplyThreadPool(settings);
builder.Services.AddCreditRobot(settings, connectionString);

// 3. Pipeline and endpoints, one small static class per feature.
var app = builder.Build();
app.UseServerPipeline(settings, accessLog);
app.MapHealth();
app.MapQuotes();
app.MapApplications();
app.MapPages();

// 4. Run: preload_app migrates before listening; the background service retries a missing database.
var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CreditRobot");
log.LogInformation("settings from {File}: {Settings}; thread pool min worker threads {Threads}",
    resolved.ConfigFile ?? "defaults (no server.conf found)", resolved.Describe(), minThreads);
if (resolved.IgnoredVariables.Count > 0)
    log.LogDebug("ignored Kubernetes service-link variables: {Variables}", string.Join(", ", resolved.IgnoredVariables));
// SIGTERM before the host's own handler exists (preload waiting on a hung database or a held migration lock) stops
// here at once: docker stop must not wait for its SIGKILL, and nothing may start listening after it.
using var stopSignal = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    app.Lifetime.StopApplication();
});
var stopping = app.Lifetime.ApplicationStopping;
app.Lifetime.ApplicationStarted.Register(() =>
{
    if (!stopping.IsCancellationRequested) log.LogInformation("listening on {Addresses}", string.Join(", ", app.Urls));
});
var migrations = app.Services.GetRequiredService<SchemaMigrationService>();
try
{
    if (settings.PreloadApp) await migrations.TryMigrateAsync(stopping);
    if (stopping.IsCancellationRequested)
    {
        log.LogInformation("stopped before listening (SIGTERM during preload_app)");
        return ExitCodes.Ok;
    }
    await app.RunAsync();
    // A background service that failed stopped the host (logged as critical by the host): a dead app never exits 0.
    return migrations.ExecuteTask is { IsFaulted: true } ? ExitCodes.Failure : ExitCodes.Ok;
}
catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
{
    log.LogCritical("cannot listen on {Bind} ({Source}): {Reason}", settings.Bind, resolved.SourceOf("bind"), e.Message);
    return ExitCodes.Failure;
}
catch (Exception e) when (StartupLimits.WasRefused(e))
{
    log.LogCritical(StartupLimits.Refused);
    return ExitCodes.Failure;
}
catch (Exception e)
{
    log.LogCritical(e, "the server failed: {Reason}", e.Message); // not the user's input: the trace is for us
    return ExitCodes.Failure;
}
finally
{
    errorLog.Dispose();
    accessLog?.Dispose();
}
