namespace ServerConfig;

/// <summary>A Gunicorn 21.2 setting with no row in <see cref="SettingsTable"/>, and what it means for this server.</summary>
/// <param name="Flags">Its command-line spellings (none for hooks and file-only settings).</param>
/// <param name="TakesValue">False for Gunicorn's store_true flags, so the next argument is not taken as its value.</param>
public sealed record GunicornOnlySetting(string Name, string[] Flags, bool TakesValue, string Meaning);

/// <summary>
/// Every other setting of Gunicorn's config.py (21.2, the version the seeds pin), so a Gunicorn user who types one
/// learns what it means here instead of "unknown option". The settings this server has are the rows of
/// <see cref="SettingsTable"/> whose Gunicorn column names them; together the two lists cover all of Gunicorn's.
/// </summary>
public static class GunicornOnlySettings
{
    private const string Hook = "a Python hook; the app's code runs in-process, so start-up and shutdown work goes in Program.cs " +
                                "(IHostApplicationLifetime) and per-request work in middleware";
    private const string Ssl = "Kestrel's TLS defaults apply (TLS 1.2+, the system's cipher policy); set certfile and keyfile";
    private const string Syslog = "logs go to stdout/stderr or a file; ship them with the platform's collector (journald, Docker's log driver, Fluent Bit)";
    private const string Statsd = "no metrics push; .NET exposes System.Diagnostics.Metrics counters (dotnet-counters, OpenTelemetry)";
    private const string OneProcess = "one process serves every request, there are no worker processes to manage";

    public static IReadOnlyList<GunicornOnlySetting> All { get; } =
    [
        new("config", ["-c"], true, "-c is --config here: the server.conf to read"),
        new("wsgi_app", [], true, "the app is compiled into the binary; there is no module to name"),
        new("worker_connections", ["--worker-connections"], true, "Kestrel has no per-worker connection cap; limit concurrency with worker_class = sync (workers x threads)"),
        new("reload", ["--reload"], false, "a compiled binary cannot reload its code; run `dotnet watch --project src/CreditRobot` during development"),
        new("reload_engine", ["--reload-engine"], true, "no code reloading here (see reload)"),
        new("reload_extra_files", ["--reload-extra-file"], true, "no code reloading here (see reload)"),
        new("spew", ["--spew"], false, "no line tracing; use loglevel = debug, or dotnet-trace for a trace"),
        new("check_config", ["--check-config"], false, "supported as --check-config: validates, prints the effective settings, exits 0 or 2"),
        new("print_config", ["--print-config"], false, "use --check-config: it prints every effective setting and where it came from"),
        new("sendfile", ["--no-sendfile"], false, "the app serves no static files; Kestrel decides how it writes responses"),
        new("reuse_port", ["--reuse-port"], false, "one process binds once; run several containers behind a load balancer instead"),
        new("chdir", ["--chdir"], true, "start the binary from the directory you want (the Procfile does `cd`); server.conf is looked up there, then next to the binary"),
        new("daemon", ["-D", "--daemon"], false, "not supported: a container or a process manager (systemd, the platform) keeps the process in the foreground"),
        new("raw_env", ["-e", "--env"], true, "set environment variables where the process starts (docker run -e, the platform's config)"),
        new("pidfile", ["-p", "--pid"], true, "no pid file: a container's process is pid 1, a platform tracks its own processes"),
        new("worker_tmp_dir", ["--worker-tmp-dir"], true, "there are no worker heartbeat files; the image runs with a read-only root"),
        new("user", ["-u", "--user"], true, "the image already runs as a non-root user; choose another with docker run --user"),
        new("group", ["-g", "--group"], true, "the image already runs as a non-root group; choose another with docker run --user UID:GID"),
        new("umask", ["-m", "--umask"], true, "set the umask of the process where it starts (the shell, the container)"),
        new("initgroups", ["--initgroups"], false, "no privilege drop happens in the process (see user)"),
        new("tmp_upload_dir", [], true, "the app takes no uploads; request bodies are limited by max_body_size"),
        new("secure_scheme_headers", [], true, "X-Forwarded-Proto from a proxy in forwarded_allow_ips sets the scheme"),
        new("disable_redirect_access_to_syslog", ["--disable-redirect-access-to-syslog"], false, Syslog),
        new("capture_output", ["--capture-output"], false, "everything the app writes already goes to errorlog; there is no other stdout to capture"),
        new("logger_class", ["--logger-class"], true, "logging is built in; shape it with log_format, access_log_format and loglevel"),
        new("logconfig", ["--log-config"], true, "no Python logging config; use log_format, loglevel, accesslog and errorlog"),
        new("logconfig_dict", [], true, "no Python logging config; use log_format, loglevel, accesslog and errorlog"),
        new("logconfig_json", ["--log-config-json"], true, "no Python logging config; use log_format, loglevel, accesslog and errorlog"),
        new("syslog_addr", ["--log-syslog-to"], true, Syslog),
        new("syslog", ["--log-syslog"], false, Syslog),
        new("syslog_prefix", ["--log-syslog-prefix"], true, Syslog),
        new("syslog_facility", ["--log-syslog-facility"], true, Syslog),
        new("enable_stdio_inheritance", ["-R", "--enable-stdio-inheritance"], false, "not needed: the process writes to the streams it was given, unbuffered per line"),
        new("statsd_host", ["--statsd-host"], true, Statsd),
        new("dogstatsd_tags", ["--dogstatsd-tags"], true, Statsd),
        new("statsd_prefix", ["--statsd-prefix"], true, Statsd),
        new("proc_name", ["-n", "--name"], true, "the process is named CreditRobot; a container's name identifies it"),
        new("default_proc_name", [], true, "the process is named CreditRobot (see proc_name)"),
        new("pythonpath", ["--pythonpath"], true, "no Python path; the app and its libraries are compiled into the binary"),
        new("paste", ["--paste", "--paster"], true, "no PasteDeploy; settings come from server.conf"),
        new("raw_paste_global_conf", ["--paste-global"], true, "no PasteDeploy; settings come from server.conf"),
        new("proxy_protocol", ["--proxy-protocol"], false, "not supported: a proxy passes the client with X-Forwarded-For (forwarded_allow_ips)"),
        new("proxy_allow_ips", ["--proxy-allow-from"], true, "see proxy_protocol; forwarded_allow_ips names the trusted proxies"),
        new("ssl_version", ["--ssl-version"], true, Ssl),
        new("cert_reqs", ["--cert-reqs"], true, "client certificates are not requested; " + Ssl),
        new("ca_certs", ["--ca-certs"], true, "client certificates are not requested; put the chain in certfile"),
        new("suppress_ragged_eofs", ["--suppress-ragged-eofs"], false, Ssl),
        new("do_handshake_on_connect", ["--do-handshake-on-connect"], false, "Kestrel always handshakes when a connection arrives"),
        new("ciphers", ["--ciphers"], true, Ssl),
        new("strip_header_spaces", ["--strip-header-spaces"], false, "Kestrel refuses a space before a header's colon (400), which is the safe reading"),
        new("on_starting", [], true, Hook), new("on_reload", [], true, Hook), new("when_ready", [], true, Hook),
        new("pre_fork", [], true, Hook + "; " + OneProcess), new("post_fork", [], true, Hook + "; " + OneProcess),
        new("post_worker_init", [], true, Hook + "; " + OneProcess), new("worker_int", [], true, Hook + "; " + OneProcess),
        new("worker_abort", [], true, Hook + "; " + OneProcess), new("pre_exec", [], true, Hook),
        new("pre_request", [], true, Hook), new("post_request", [], true, Hook),
        new("child_exit", [], true, Hook + "; " + OneProcess), new("worker_exit", [], true, Hook + "; " + OneProcess),
        new("nworkers_changed", [], true, Hook + "; " + OneProcess), new("on_exit", [], true, Hook),
        new("ssl_context", [], true, Hook + "; " + Ssl),
    ];

    public static GunicornOnlySetting? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public static GunicornOnlySetting? FindFlag(string flag) => All.FirstOrDefault(s => s.Flags.Contains(flag));
}
