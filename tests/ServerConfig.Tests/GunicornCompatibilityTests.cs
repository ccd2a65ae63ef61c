namespace ServerConfig.Tests;

/// <summary>A Gunicorn user's habits: its flags, GUNICORN_CMD_ARGS with Gunicorn's precedence, its other options named.</summary>
public sealed class GunicornCompatibilityTests
{
    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Theory]
    [InlineData("workers", "7", "-w", "7")]
    [InlineData("workers", "7", "-w7")]
    [InlineData("worker_class", "sync", "-k", "gthread")]
    [InlineData("worker_class", "async", "-k", "gevent")]
    [InlineData("bind", "127.0.0.1:9000", "-b", "127.0.0.1:9000")]
    [InlineData("timeout", "12", "-t", "12")]
    [InlineData("threads", "4", "--threads", "4")]
    [InlineData("keepalive", "9", "--keep-alive", "9")]
    [InlineData("graceful_timeout", "3", "--graceful-timeout=3")]
    [InlineData("loglevel", "debug", "--log-level", "debug")]
    [InlineData("accesslog", "access.log", "--access-logfile", "access.log")]
    [InlineData("errorlog", "error.log", "--error-logfile", "error.log")]
    [InlineData("errorlog", "error.log", "--log-file", "error.log")]
    [InlineData("preload_app", "false", "--preload-app", "false")]
    [InlineData("forwarded_allow_ips", "*", "--forwarded-allow-ips", "*")]
    [InlineData("limit_request_line", "1000", "--limit-request-line", "1000")]
    [InlineData("limit_request_fields", "20", "--limit-request-fields", "20")]
    [InlineData("limit_request_field_size", "1024", "--limit-request-field_size", "1024")]
    [InlineData("max_requests", "100", "--max-requests", "100")]
    [InlineData("max_requests_jitter", "10", "--max-requests", "100", "--max-requests-jitter", "10")]
    [InlineData("backlog", "64", "--backlog", "64")]
    [InlineData("access_log_format", "%(h)s %(s)s", "--access-logformat", "%(h)s %(s)s")]
    [InlineData("certfile", "tls.crt", "--certfile", "tls.crt", "--keyfile", "tls.key")]
    public void Gunicorn_spellings_set_the_setting(string key, string expected, params string[] args)
    {
        var resolved = Samples.Resolve(null, null, args);

        SettingsTable.Get(key).Format(resolved.Settings).Should().Be(expected);
        resolved.SourceOf(key).Kind.Should().Be(SourceKind.CommandLine);
    }

    [Fact]
    public void preload_is_a_switch_as_in_Gunicorn_and_takes_no_value()
    {
        var resolved = Samples.Resolve("preload_app = false", null, "--preload", "-w", "3");

        resolved.Settings.PreloadApp.Should().BeTrue();
        resolved.Settings.Workers.Should().Be(3, "the argument after --preload is the next option, not its value");
    }

    [Fact]
    public void GUNICORN_CMD_ARGS_ranks_above_file_and_variables_and_below_the_command_line()
    {
        var env = Env(("GUNICORN_CMD_ARGS", "-w 4 --timeout 9 --keep-alive 2"), ("SERVER_TIMEOUT", "8"), ("WEB_CONCURRENCY", "6"));

        var resolved = Samples.Resolve("workers = 2\ntimeout = 7\nkeepalive = 1\n", env, "--keep-alive", "3");

        resolved.Settings.Workers.Should().Be(4);
        resolved.SourceOf("workers").Where.Should().Be("GUNICORN_CMD_ARGS -w");
        resolved.Settings.Timeout.Should().Be(9, "GUNICORN_CMD_ARGS beats SERVER_TIMEOUT");
        resolved.Settings.Keepalive.Should().Be(3, "the command line beats GUNICORN_CMD_ARGS");
        resolved.SourceOf("keepalive").Where.Should().Be("--keep-alive");
    }

    [Fact]
    public void GUNICORN_CMD_ARGS_is_split_as_a_shell_splits_and_may_name_the_config_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "other.conf"), "threads = 3\n");
        var env = Env(("GUNICORN_CMD_ARGS", $"-c {dir.Path}/other.conf --access-logformat '%(h)s \"%(r)s\" %(s)s' --error-logfile \"my errors.log\""));

        var resolved = ConfigResolver.Resolve(CommandLine.Parse([]), env, [dir.Path]);

        resolved.Settings.Threads.Should().Be(3);
        resolved.Settings.AccessLogFormat.Should().Be("%(h)s \"%(r)s\" %(s)s");
        resolved.Settings.ErrorLog.Should().Be("my errors.log");
    }

    [Theory]
    [InlineData("--check-config", "GUNICORN_CMD_ARGS: --check-config: not taken from GUNICORN_CMD_ARGS (expected settings there; give --check-config on the command line)")]
    [InlineData("-w 'four", "GUNICORN_CMD_ARGS: unterminated ' quote at position 4 (expected a closing ')")]
    [InlineData("-w 0", "GUNICORN_CMD_ARGS -w: workers: 0 is out of range (expected a whole number 1-256)")]
    [InlineData("--reload", "GUNICORN_CMD_ARGS: --reload: Gunicorn's reload is not an option here: a compiled binary cannot reload its code; run `dotnet watch --project src/CreditRobot` during development")]
    public void A_bad_GUNICORN_CMD_ARGS_is_refused_naming_the_variable(string value, string message) =>
        Samples.ErrorOf(null, Env(("GUNICORN_CMD_ARGS", value))).Should().Be(message);

    [Theory]
    [InlineData("--daemon", "--daemon: Gunicorn's daemon is not an option here: not supported: a container or a process manager")]
    [InlineData("-D", "-D: Gunicorn's daemon is not an option here")]
    [InlineData("--worker-connections 1000", "--worker-connections: Gunicorn's worker_connections is not an option here: Kestrel has no per-worker connection cap")]
    [InlineData("--max-request 100", "--max-request: unknown option (did you mean --max-requests?)")]
    [InlineData("--statsd-host localhost:8125", "--statsd-host: Gunicorn's statsd_host is not an option here: no metrics push")]
    [InlineData("app:app", "'app:app': unexpected argument (Gunicorn's APP_MODULE has no counterpart: the app is compiled in")]
    public void Every_other_Gunicorn_option_says_what_it_means_here(string args, string start)
    {
        var act = () => CommandLine.Parse(args.Split(' '));

        act.Should().Throw<ServerConfigException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith(start, "one line: an option's value (and only a value) is skipped with it");
    }

    [Fact]
    public void A_Gunicorn_only_key_in_server_conf_says_what_it_means_here() =>
        Samples.ErrorOf("max_requests = 5\nreload = true\n").Should().StartWith(
            "server.conf:2: reload: unknown setting (Gunicorn's reload is not a setting here: a compiled binary cannot reload its code");

    [Theory]
    [InlineData("%(h)s %(x)s", "%(x)s is not an atom")]
    [InlineData("%(h)s %({REMOTE_PORT}e)s", "%({REMOTE_PORT}e)s: WSGI environ variables have no counterpart in a .NET server")]
    [InlineData("100% %(h)s", "'%' at position 4 does not start an atom %(name)s")]
    public void A_bad_access_log_format_names_the_atom(string format, string part) =>
        Samples.ErrorOf(null, null, "--access-log-format", format).Should().Contain(part);

    /// <summary>gunicorn/config.py of 21.2.0 (the version the seeds pin), every setting's name in file order.</summary>
    private static readonly string[] Gunicorn212 =
    [
        "config", "wsgi_app", "bind", "backlog", "workers", "worker_class", "threads", "worker_connections", "max_requests",
        "max_requests_jitter", "timeout", "graceful_timeout", "keepalive", "limit_request_line", "limit_request_fields",
        "limit_request_field_size", "reload", "reload_engine", "reload_extra_files", "spew", "check_config", "print_config",
        "preload_app", "sendfile", "reuse_port", "chdir", "daemon", "raw_env", "pidfile", "worker_tmp_dir", "user", "group",
        "umask", "initgroups", "tmp_upload_dir", "secure_scheme_headers", "forwarded_allow_ips", "accesslog",
        "disable_redirect_access_to_syslog", "access_log_format", "errorlog", "loglevel", "capture_output", "logger_class",
        "logconfig", "logconfig_dict", "logconfig_json", "syslog_addr", "syslog", "syslog_prefix", "syslog_facility",
        "enable_stdio_inheritance", "statsd_host", "dogstatsd_tags", "statsd_prefix", "proc_name", "default_proc_name",
        "pythonpath", "paste", "on_starting", "on_reload", "when_ready", "pre_fork", "post_fork", "post_worker_init",
        "worker_int", "worker_abort", "pre_exec", "pre_request", "post_request", "child_exit", "worker_exit",
        "nworkers_changed", "on_exit", "ssl_context", "proxy_protocol", "proxy_allow_ips", "keyfile", "certfile",
        "ssl_version", "cert_reqs", "ca_certs", "suppress_ragged_eofs", "do_handshake_on_connect", "ciphers",
        "raw_paste_global_conf", "strip_header_spaces",
    ];

    [Fact]
    public void Every_Gunicorn_setting_is_either_a_row_of_the_table_or_named_with_its_meaning_once()
    {
        var supported = SettingsTable.All.Where(s => s.Gunicorn != "—").Select(s => s.Gunicorn);
        var named = GunicornOnlySettings.All.Select(g => g.Name);

        supported.Concat(named).Should().BeEquivalentTo(Gunicorn212).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void docs_gunicorn_md_holds_the_generated_table()
    {
        var docs = File.ReadAllText(RepositoryRoot.File("docs/gunicorn.md"));

        docs.Should().Contain(SettingsDocs.GunicornTable(), "paste SettingsDocs.GunicornTable() into docs/gunicorn.md after changing the table");
        SettingsDocs.GunicornTable().TrimEnd('\n').Split('\n').Should().HaveCount(Gunicorn212.Length + 2);
    }
}
