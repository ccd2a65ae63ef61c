using System.Globalization;

namespace ServerConfig;

/// <summary>
/// THE table (Gunicorn's config.py idea): every setting once. Parsing, validation, environment and
/// command-line overrides, rendering, --help and the README table are all generated from it.
/// </summary>
public static class SettingsTable
{
    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<Setting> All { get; } =
    [
        new Setting<BindAddress>("bind", "bind", "HOST:PORT",
            ValueParsers.Bind, b => b.ToString(), s => s.Bind, (s, v) => s with { Bind = v },
            "Address to listen on: HOST:PORT, HOST an IP address or localhost; PORT 0 picks a free port.",
            "Kestrel listens there (KestrelServerOptions.Listen). `PORT` replaces only the port. An address that " +
            "is not on the machine is refused at start (exit 2).")
        { PlatformVariables = ["PORT"], GunicornFlags = ["-b"] },

        new Setting<int>("workers", "workers", "a whole number 1-256",
            ValueParsers.WholeNumber(1, 256), Int, s => s.Workers, (s, v) => s with { Workers = v },
            "Request slots, times threads. Rendered as (2 x CPU cores) + 1, the seed's formula.",
            "One process, no forking: the thread pool starts with workers x threads threads ready " +
            "(ThreadPool.SetMinThreads), so a burst is not throttled by the pool's ramp-up; with " +
            "worker_class = sync it also caps the requests in flight at workers x threads.")
        { PlatformVariables = ["WEB_CONCURRENCY"], GunicornFlags = ["-w"] },

        new Setting<WorkerClass>("worker_class", "worker_class", "async or sync",
            ValueParsers.WorkerClassName, ValueParsers.ChoiceText, s => s.WorkerClass,
            (s, v) => s with { WorkerClass = v },
            "async: Kestrel's model (no cap on requests in flight); sync: at most workers x threads at once.",
            "async: requests await I/O without holding a thread (Gunicorn's gevent, built in). sync: an " +
            "ASP.NET Core ConcurrencyLimiter lets workers x threads requests run, queues up to 1024 more " +
            "(FIFO), answers 503 beyond; /healthz and /readyz are never queued. Gunicorn's names are accepted: gthread and " +
            "sync mean sync; gevent, eventlet and tornado mean async.")
        { GunicornFlags = ["-k"] },

        new Setting<int>("threads", "threads", "a whole number 1-256",
            ValueParsers.WholeNumber(1, 256), Int, s => s.Threads, (s, v) => s with { Threads = v },
            "Threads per worker, as Gunicorn's gthread: multiplies workers.",
            "Multiplies workers for the thread-pool floor and for the sync cap; workers x threads above the " +
            "pool's maximum (ThreadPool.GetMaxThreads, 32767) is refused at start."),

        new Setting<int>("timeout", "timeout", "whole seconds 0-3600",
            ValueParsers.WholeNumber(0, 3600, "whole seconds"), Int, s => s.Timeout, (s, v) => s with { Timeout = v },
            "Seconds a request may run before it is cancelled: 504, or 503 when the database did not answer; 0 = no limit.",
            "ASP.NET Core RequestTimeouts: cancels HttpContext.RequestAborted (and with it the request's " +
            "database command) and answers 504; when it was the database that did not answer, 503 with Retry-After and " +
            "a write rolled back. Gunicorn kills the whole worker; here only the request dies.")
        { GunicornFlags = ["-t"] },

        new Setting<int>("graceful_timeout", "graceful_timeout", "whole seconds 0-3600",
            ValueParsers.WholeNumber(0, 3600, "whole seconds"), Int, s => s.GracefulTimeout,
            (s, v) => s with { GracefulTimeout = v },
            "Seconds requests in flight may finish after SIGTERM before they are aborted.",
            "HostOptions.ShutdownTimeout: on SIGTERM Kestrel stops accepting, drains requests in flight " +
            "for up to this long, then aborts them and the process exits."),

        new Setting<int>("keepalive", "keepalive", "whole seconds 0-600",
            ValueParsers.WholeNumber(0, 600, "whole seconds"), Int, s => s.Keepalive, (s, v) => s with { Keepalive = v },
            "Seconds an idle keep-alive connection stays open; 0 = close after every response.",
            "Kestrel Limits.KeepAliveTimeout closes idle connections; 0 sends `Connection: close` on " +
            "every response.")
        { GunicornFlags = ["--keep-alive"] },

        new Setting<string>("accesslog", "accesslog", "-, a file path, or nothing",
            ValueParsers.LogTarget(allowEmpty: true), v => v, s => s.AccessLog, (s, v) => s with { AccessLog = v },
            "Access log: - is stdout, a path appends to that file, empty disables it.",
            "One line per request (time, client, request line, status, bytes, referer, user agent, duration) in the " +
            "shape of access_log_format (JSON: every field, with level and type); `-` stdout, a path appends, empty " +
            "writes nothing. USR1 or HUP reopens the file (logrotate).")
        { GunicornFlags = ["--access-logfile"] },

        new Setting<string>("errorlog", "errorlog", "- or a file path",
            ValueParsers.LogTarget(allowEmpty: false), v => v, s => s.ErrorLog, (s, v) => s with { ErrorLog = v },
            "Server log (startup, warnings, errors): - is stderr, a path appends to that file.",
            "The Microsoft.Extensions.Logging provider of the app writes every non-access log line there; USR1 or HUP " +
            "reopens the file (logrotate).")
        { GunicornFlags = ["--error-logfile", "--log-file"] },

        new Setting<LogLevelSetting>("loglevel", "loglevel", "debug, info, warning, error or critical",
            ValueParsers.Choice<LogLevelSetting>("a log level"), ValueParsers.ChoiceText, s => s.LogLevel,
            (s, v) => s with { LogLevel = v },
            "Minimum level of the server log.",
            "Minimum Microsoft.Extensions.Logging level. Framework categories (Microsoft.*) start at " +
            "warning unless loglevel = debug.")
        { GunicornFlags = ["--log-level"] },

        new Setting<LogFormat>("log_format", "—", "text or json",
            ValueParsers.Choice<LogFormat>("a log format"), ValueParsers.ChoiceText, s => s.LogFormat,
            (s, v) => s with { LogFormat = v },
            "Shape of access and server log lines: text, or json (one object per line).",
            "Both logs write one JSON object per line (System.Text.Json Utf8JsonWriter) for log shippers."),

        new Setting<bool>("preload_app", "preload_app", "true or false",
            ValueParsers.Boolean, v => v ? "true" : "false", s => s.PreloadApp, (s, v) => s with { PreloadApp = v },
            "true: migrate the database before listening; false: listen at once, migrate in the background.",
            "true: migrations run (and the connection pool opens) before Kestrel listens, so the first " +
            "request meets a ready app; false: Kestrel listens first and /readyz says 503 until migrated. " +
            "A database that is down is retried in the background either way.")
        { GunicornFlags = ["--preload"] },

        new Setting<int>("limit_request_line", "limit_request_line", "bytes 256-65536",
            ValueParsers.WholeNumber(256, 65536, "bytes"), Int, s => s.LimitRequestLine,
            (s, v) => s with { LimitRequestLine = v },
            "Longest request line (METHOD target HTTP/1.1) in bytes; longer is refused with 414.",
            "Kestrel Limits.MaxRequestLineSize: a longer request line is answered 414 URI Too Long."),

        new Setting<int>("limit_request_fields", "limit_request_fields", "a whole number 1-1000",
            ValueParsers.WholeNumber(1, 1000), Int, s => s.LimitRequestFields, (s, v) => s with { LimitRequestFields = v },
            "Most header fields a request may carry; more is refused with 431.",
            "Kestrel Limits.MaxRequestHeaderCount: more header fields are answered 431."),

        new Setting<int>("limit_request_field_size", "limit_request_field_size", "bytes 64-65536",
            ValueParsers.WholeNumber(64, 65536, "bytes"), Int, s => s.LimitRequestFieldSize,
            (s, v) => s with { LimitRequestFieldSize = v },
            "Largest single header field (Name: value) in bytes; larger is refused with 431.",
            "Checked per field by the app (431). Kestrel itself only limits the total " +
            "(Limits.MaxRequestHeadersTotalSize), kept at 32 KiB or raised to this value if larger.")
        { GunicornFlags = ["--limit-request-field_size"] },

        new Setting<long>("max_body_size", "—", "bytes 0-1073741824",
            ValueParsers.Bytes(0, 1L << 30), v => v.ToString(CultureInfo.InvariantCulture), s => s.MaxBodySize,
            (s, v) => s with { MaxBodySize = v },
            "Largest request body in bytes; larger is refused with 413; 0 = no limit.",
            "Kestrel Limits.MaxRequestBodySize: a larger body is answered 413 (a proxy's client_max_body_size); " +
            "0 removes the limit. The two endpoints that read a body take at most 16 KiB of it either way (a loan " +
            "application is under 300 bytes), so a flood of large bodies is refused, not held in memory."),

        new Setting<string>("forwarded_allow_ips", "forwarded_allow_ips", "*, or IP addresses / CIDR networks",
            ValueParsers.Networks, v => v, s => s.ForwardedAllowIps, (s, v) => s with { ForwardedAllowIps = v },
            "Proxies whose X-Forwarded-For/-Proto are believed: comma-separated IPs or CIDRs, or *.",
            "ForwardedHeaders middleware with exactly these KnownProxies/KnownIPNetworks (`*` trusts any): " +
            "the client address (access log) and the request scheme come from the trusted headers."),

        new Setting<string>("access_log_format", "access_log_format", "text with Gunicorn's %(atom)s atoms",
            AccessLogFormats.Validate, v => v, s => s.AccessLogFormat, (s, v) => s with { AccessLogFormat = v },
            "Shape of a text access line, in Gunicorn's atoms: %(h)s client, %(t)s time, %(r)s request line, %(s)s status, " +
            "%(b)s bytes, %(f)s referer, %(a)s user agent, %(M)s milliseconds, %({header}i)s a request header, ...",
            "Every Gunicorn atom but %({name}e)s (WSGI environ); the default is Gunicorn's default line and the duration. " +
            "Control characters, quotes and backslashes in a value are escaped. log_format = json writes every field instead.")
        { GunicornFlags = ["--access-logformat"] },

        new Setting<LogLevelSetting>("probe_loglevel", "—", "debug, info, warning, error or critical",
            ValueParsers.Choice<LogLevelSetting>("a log level"), ValueParsers.ChoiceText, s => s.ProbeLogLevel,
            (s, v) => s with { ProbeLogLevel = v },
            "Level of the access lines of /healthz and /readyz: written only when it is at least loglevel.",
            "A probe every few seconds drowns the requests that matter: at the default (debug) probe lines appear " +
            "only with loglevel = debug; info writes them as any other request."),

        new Setting<int>("max_requests", "max_requests", "a whole number 0-1000000",
            ValueParsers.WholeNumber(0, 1_000_000), Int, s => s.MaxRequests, (s, v) => s with { MaxRequests = v },
            "Requests one keep-alive connection may carry before the server closes it; 0 = no limit.",
            "Gunicorn restarts a worker process after this many requests (against leaks); one .NET process has no " +
            "worker to recycle, so the connection is recycled: its Nth response says `Connection: close` (HTTP/1.1), " +
            "and the client or proxy reconnects, which spreads long-lived connections over replicas again."),

        new Setting<int>("max_requests_jitter", "max_requests_jitter", "a whole number 0-1000000",
            ValueParsers.WholeNumber(0, 1_000_000), Int, s => s.MaxRequestsJitter, (s, v) => s with { MaxRequestsJitter = v },
            "Adds a random 0..jitter to max_requests per connection, so connections do not all close at once.",
            "Drawn once per connection (Random.Shared), as Gunicorn draws it once per worker; no effect while max_requests = 0."),

        new Setting<int>("backlog", "backlog", "a whole number 1-65535",
            ValueParsers.WholeNumber(1, 65535), Int, s => s.Backlog, (s, v) => s with { Backlog = v },
            "Connections the kernel queues before the server accepts them (listen backlog).",
            "SocketTransportOptions.Backlog, passed to listen(2); the kernel caps it at net.core.somaxconn."),

        new Setting<string>("certfile", "certfile", "a PEM certificate file path, or nothing",
            ValueParsers.FilePath, v => v, s => s.CertFile, (s, v) => s with { CertFile = v },
            "PEM certificate (chain) to serve HTTPS on bind; empty = plain HTTP.",
            "Kestrel serves TLS (HTTP/1.1 and HTTP/2 by ALPN) with X509Certificate2.CreateFromPemFile(certfile, keyfile); " +
            "a missing or unreadable file, or a key that does not match, is refused at start (exit 2).")
        { GunicornFlags = ["--certfile"] },

        new Setting<string>("keyfile", "keyfile", "a PEM private key file path, or nothing",
            ValueParsers.FilePath, v => v, s => s.KeyFile, (s, v) => s with { KeyFile = v },
            "PEM private key of certfile (unencrypted); empty = the key is in certfile.",
            "Read once at start with the certificate; keep it readable by the app's user only. Without certfile it is " +
            "refused at start (exit 2).")
        { GunicornFlags = ["--keyfile"] },
    ];

    private static readonly Dictionary<string, Setting> ByName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static Setting? Find(string name) => ByName.GetValueOrDefault(name);

    public static Setting Get(string name) =>
        Find(name) ?? throw new ServerConfigException($"{name}: unknown setting ({Suggest(name)})");

    /// <summary>"did you mean 'keepalive'?" for a typo, what a Gunicorn-only setting means here, else the list of keys.</summary>
    public static string Suggest(string unknown) =>
        GunicornOnlySettings.Find(unknown) is { } gunicorn
            ? $"Gunicorn's {gunicorn.Name} is not a setting here: {gunicorn.Meaning}"
            : Suggestions.DidYouMean.Closest(unknown, All.Select(s => s.Name), max: 1) is [var near]
                ? $"did you mean '{near}'?"
                : $"expected one of {string.Join(", ", All.Select(s => s.Name))}";
}
