using Containers;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CreditRobot.Tests.Infrastructure;

/// <summary>How to start the app: server.conf text, environment, extra arguments.</summary>
public sealed class AppOptions
{
    /// <summary>Written to server.conf in a temp directory and passed with --config; null: no --config.</summary>
    public string? Config { get; init; }

    public Dictionary<string, string> Environment { get; } = new();

    public List<string> Args { get; init; } = [];

    /// <summary>When true (default) the app gets --bind 127.0.0.1:PORT with a free PORT.</summary>
    public bool BindLoopback { get; init; } = true;

    /// <summary>A command the app is started through, e.g. <c>setpriv --reuid=65534 …</c> to run it as another user.</summary>
    public IReadOnlyList<string> Through { get; init; } = [];
}

/// <summary>
/// The app as production runs it: a child process (<c>dotnet CreditRobot.dll</c>) on 127.0.0.1, so
/// tests see its exit code, stdout (access log) and stderr (server log), and can send it SIGTERM.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private static readonly string[] Scrubbed = ["PORT", "WEB_CONCURRENCY", "DATABASE_URL", "ConnectionStrings__Default", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS"];
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private AppProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The temp directory holding server.conf; also the working directory.</summary>
    public string Directory { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Stdout { get { lock (_stdout) return _stdout.ToArray(); } }

    public IReadOnlyList<string> Stderr { get { lock (_stderr) return _stderr.ToArray(); } }

    public string Output => $"--- stdout ---\n{string.Join('\n', Stdout)}\n--- stderr ---\n{string.Join('\n', Stderr)}";

    /// <summary>Debug or Release: the app is used as built alongside these tests.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    /// <summary>The app as built next to these tests (the project reference copies it with its runtimeconfig).</summary>
    public static string AppDll { get; } = Path.Combine(AppContext.BaseDirectory, "CreditRobot.dll");

    /// <summary>
    /// CREDITROBOT_TEST_APP=/path/to/published/CreditRobot runs every process test against that binary
    /// instead (e.g. the trimmed self-contained publish that goes into the image).
    /// </summary>
    public static string? Executable { get; } = System.Environment.GetEnvironmentVariable("CREDITROBOT_TEST_APP") is { Length: > 0 } path ? path : null;

    public static AppProcess Start(AppOptions options)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("creditrobot-app-").FullName;
        var port = FreePort.Next();
        var start = new ProcessStartInfo(options.Through.FirstOrDefault() ?? Executable ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        if (options.Through.Count > 0)
            foreach (var arg in options.Through.Skip(1).Append(Executable ?? "dotnet")) start.ArgumentList.Add(arg);
        if (Executable is null) start.ArgumentList.Add(AppDll);
        if (options.Config is not null)
        {
            File.WriteAllText(Path.Combine(directory, "server.conf"), options.Config);
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(Path.Combine(directory, "server.conf"));
        }
        if (options.BindLoopback)
        {
            start.ArgumentList.Add("--bind");
            start.ArgumentList.Add($"127.0.0.1:{port}");
        }
        foreach (var arg in options.Args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SERVER_", StringComparison.Ordinal) || Scrubbed.Contains(k)).ToArray())
            start.Environment.Remove(name);
        foreach (var (name, value) in options.Environment) start.Environment[name] = value;
        if (options.Environment.TryGetValue("PORT", out var envPort) && !options.BindLoopback) port = int.Parse(envPort);
        return new AppProcess(Process.Start(start)!, port, directory);
    }

    public static async Task<AppProcess> StartHealthyAsync(AppOptions options)
    {
        var app = Start(options);
        try
        {
            await app.WaitUntilHealthyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public Task WaitUntilHealthyAsync() => Eventually.UntilAsync(async () =>
    {
        if (HasExited) throw new Xunit.Sdk.XunitException($"the app exited with {_process.ExitCode} before it was healthy\n{Output}");
        using var response = await Http.GetAsync("/healthz");
        return response.IsSuccessStatusCode;
    }, $"GET /healthz on 127.0.0.1:{Port} to answer 200", context: () => Output);

    public Task<string> WaitForLineAsync(bool stderr, Func<string, bool> match, string what, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => Task.FromResult((stderr ? Stderr : Stdout).FirstOrDefault(match)), what, timeout, () => Output);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the app did not exit within {timeout}\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as docker stop and PaaS platforms send it.</summary>
    public void Terminate() => Kill(_process.Id, 15);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
