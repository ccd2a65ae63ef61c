namespace ServerConfig;

/// <summary>Minimum level of the error log, named as Gunicorn names them.</summary>
public enum LogLevelSetting { Debug, Info, Warning, Error, Critical }

/// <summary>Shape of every log line: human-readable text or one JSON object per line.</summary>
public enum LogFormat { Text, Json }

/// <summary>How requests share the process: Kestrel's async model, or Gunicorn-sync-like capped slots.</summary>
public enum WorkerClass { Async, Sync }

/// <summary>
/// The typed settings of the server. Defaults here are the single source of the defaults in
/// <see cref="SettingsTable"/>, the rendered server.conf and the docs. Immutable: derive with <c>with</c>.
/// </summary>
public sealed record ServerSettings
{
    public static ServerSettings Defaults { get; } = new();

    public BindAddress Bind { get; init; } = new("0.0.0.0", 8080);

    /// <summary>Convenience for the build target: <c>Defaults with { Port = 8080 }</c> keeps the host.</summary>
    public int Port { get => Bind.Port; init => Bind = Bind with { Port = value }; }

    public int Workers { get; init; } = WorkersFor(cpuCount: 2);
    public WorkerClass WorkerClass { get; init; } = WorkerClass.Async;
    public int Threads { get; init; } = 1;
    public int Timeout { get; init; } = 30;
    public int GracefulTimeout { get; init; } = 30;
    public int Keepalive { get; init; } = 5;
    public string AccessLog { get; init; } = "-";
    public string ErrorLog { get; init; } = "-";

    /// <summary>Gunicorn's default access line, followed by the duration in milliseconds.</summary>
    public string AccessLogFormat { get; init; } = AccessLogFormats.Default;

    public LogLevelSetting ProbeLogLevel { get; init; } = LogLevelSetting.Debug;
    public LogLevelSetting LogLevel { get; init; } = LogLevelSetting.Info;
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
    public bool PreloadApp { get; init; } = true;
    public int LimitRequestLine { get; init; } = 4094;
    public int LimitRequestFields { get; init; } = 100;
    public int LimitRequestFieldSize { get; init; } = 8190;
    public long MaxBodySize { get; init; } = 1_048_576;
    public int MaxRequests { get; init; }
    public int MaxRequestsJitter { get; init; }
    public int Backlog { get; init; } = 2048;
    public string CertFile { get; init; } = "";
    public string KeyFile { get; init; } = "";

    /// <summary>Comma-separated IP addresses / CIDR networks, or <c>*</c>; normalised by the parser.</summary>
    public string ForwardedAllowIps { get; init; } = "127.0.0.1";

    /// <summary>Gunicorn's starting point, (2 x CPU cores) + 1, used by the build for the rendered default.</summary>
    public static int WorkersFor(int cpuCount) => 2 * Math.Max(1, cpuCount) + 1;

    /// <summary>Requests that may run at once with worker_class = sync; the thread-pool floor otherwise.</summary>
    public int RequestSlots => Workers * Threads;

    /// <summary>The parsed <see cref="ForwardedAllowIps"/>; empty when every proxy is trusted (<c>*</c>).</summary>
    public IReadOnlyList<System.Net.IPNetwork> ForwardedNetworks =>
        ForwardedAllowIps == "*" ? [] : ForwardedAllowIps.Split(',').Select(ValueParsers.ParseNetwork).ToArray();

    /// <summary>Kestrel's MaxRequestBodySize: null (no limit) for 0, as nginx's client_max_body_size 0.</summary>
    public long? RequestBodyLimit => MaxBodySize == 0 ? null : MaxBodySize;

    /// <summary>certfile and keyfile set: Kestrel serves HTTPS on bind.</summary>
    public bool Tls => CertFile.Length > 0;

    public TimeSpan? RequestTimeout => Timeout == 0 ? null : TimeSpan.FromSeconds(Timeout);
}
