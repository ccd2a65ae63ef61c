namespace ServerConfig.Tests;

/// <summary>Every bad input is refused with one exact, actionable message naming where it came from.</summary>
public sealed class BadInputCatalogueTests
{
    public static TheoryData<string, string> FileCases() => new()
    {
        { "keepalve = 5", "server.conf:1: keepalve: unknown setting (did you mean 'keepalive'?)" },
        { "# ok\ncolour = blue", "server.conf:2: colour: unknown setting (expected one of bind, workers, worker_class, threads, timeout, graceful_timeout, keepalive, accesslog, errorlog, loglevel, log_format, preload_app, limit_request_line, limit_request_fields, limit_request_field_size, max_body_size, forwarded_allow_ips, access_log_format, probe_loglevel, max_requests, max_requests_jitter, backlog, certfile, keyfile)" },
        { "bind 0.0.0.0:8080", "server.conf:1: malformed line 'bind 0.0.0.0:8080' (expected key = value)" },
        { "= 5", "server.conf:1: malformed line '= 5' (expected key = value)" },
        { "workers = five", "server.conf:1: workers: 'five' is not a whole number (expected a whole number 1-256)" },
        { "workers = 0", "server.conf:1: workers: 0 is out of range (expected a whole number 1-256)" },
        { "bind = 0.0.0.0:70000", "server.conf:1: bind: port 70000 is out of range (expected a port 0-65535)" },
        { "bind = 0.0.0.0", "server.conf:1: bind: '0.0.0.0' has no port (expected HOST:PORT, e.g. 0.0.0.0:8080)" },
        { "bind = example.com:80", "server.conf:1: bind: host 'example.com' is not an IP address or localhost (expected HOST:PORT, e.g. 0.0.0.0:8080)" },
        { "bind = ::1:80", "server.conf:1: bind: '::1:80' needs brackets around an IPv6 host (expected HOST:PORT, e.g. 0.0.0.0:8080)" },
        { "bind = localhost:0", "server.conf:1: bind: 'localhost:0': port 0 needs an IP address, Kestrel cannot pick a free port for localhost (expected e.g. 127.0.0.1:0)" },
        { "timeout = -1", "server.conf:1: timeout: -1 is negative (expected whole seconds 0-3600)" },
        { "graceful_timeout = 1.5", "server.conf:1: graceful_timeout: '1.5' is not a whole number (expected whole seconds 0-3600)" },
        { "keepalive = 601", "server.conf:1: keepalive: 601 is out of range (expected whole seconds 0-600)" },
        { "loglevel = loud", "server.conf:1: loglevel: 'loud' is not a log level (expected one of debug, info, warning, error, critical)" },
        { "log_format = xml", "server.conf:1: log_format: 'xml' is not a log format (expected one of text, json)" },
        { "worker_class = greenlet", "server.conf:1: worker_class: 'greenlet' is not a worker class (expected one of async, sync; Gunicorn's gthread, gevent, eventlet and tornado are taken too)" },
        { "preload_app = yes please", "server.conf:1: preload_app: 'yes please' is not a boolean (expected true or false)" },
        { "errorlog =", "server.conf:1: errorlog: is empty (expected - or a file path)" },
        { "limit_request_line = 100", "server.conf:1: limit_request_line: 100 is out of range (expected bytes 256-65536)" },
        { "max_body_size = 2147483648", "server.conf:1: max_body_size: 2147483648 is out of range (expected bytes 0-1073741824)" },
        { "forwarded_allow_ips = 10.0.0.1, proxy", "server.conf:1: forwarded_allow_ips: 'proxy' is not an IP address or network (expected *, or comma-separated IP addresses or CIDR networks, e.g. 127.0.0.1,10.0.0.0/8)" },
        { "forwarded_allow_ips = 10.0.0.0/33", "server.conf:1: forwarded_allow_ips: '10.0.0.0/33' is not an IP address or network (expected *, or comma-separated IP addresses or CIDR networks, e.g. 127.0.0.1,10.0.0.0/8)" },
        { "workers = 2\nworkers = 3", "server.conf:2: workers: set twice, first on line 1 (expected each key once)" },
        { "accesslog = \"/tmp/a.log", "server.conf:1: accesslog: unterminated quote (expected \"value\")" },
    };

    [Theory]
    [MemberData(nameof(FileCases))]
    public void A_bad_file_line_is_refused_with_file_line_key_and_expectation(string fileText, string message)
    {
        Samples.ErrorOf(fileText).Should().Be(message);
    }

    public static TheoryData<string, string, string> EnvironmentCases() => new()
    {
        { "PORT", "http", "PORT: bind: port 'http' is not a number (expected a port 0-65535)" },
        { "PORT", "65536", "PORT: bind: port 65536 is out of range (expected a port 0-65535)" },
        { "WEB_CONCURRENCY", "0", "WEB_CONCURRENCY: workers: 0 is out of range (expected a whole number 1-256)" },
        { "SERVER_TIMEOUT", "-5", "SERVER_TIMEOUT: timeout: -5 is negative (expected whole seconds 0-3600)" },
        { "SERVER_LOGLEVEL", "loud", "SERVER_LOGLEVEL: loglevel: 'loud' is not a log level (expected one of debug, info, warning, error, critical)" },
        { "SERVER_LOGLEVL", "debug", "SERVER_LOGLEVL: unknown setting variable (did you mean SERVER_LOGLEVEL?)" },
        { "SERVER_COLOUR", "blue", "SERVER_COLOUR: unknown setting variable (expected SERVER_<KEY> for a key of server.conf)" },
    };

    [Theory]
    [MemberData(nameof(EnvironmentCases))]
    public void A_bad_variable_is_refused_naming_the_variable(string name, string value, string message)
    {
        Samples.ErrorOf(null, new Dictionary<string, string> { [name] = value }).Should().Be(message);
    }

    public static TheoryData<string[], string> CommandLineCases() => new()
    {
        { ["--bnd", "0.0.0.0:80"], "--bnd: unknown option (did you mean --bind?)" },
        { ["--timeout"], "--timeout: missing value (expected whole seconds 0-3600)" },
        { ["--config"], "--config: missing value (expected a file path)" },
        { ["--keepalive=-3"], "--keepalive: keepalive: -3 is negative (expected whole seconds 0-600)" },
        { ["--config", "missing/server.conf"], $"missing/server.conf: file not found at {Path.GetFullPath(Path.Combine(Path.GetTempPath(), "missing/server.conf"))} (expected a readable server.conf; check --config)" },
    };

    [Theory]
    [MemberData(nameof(CommandLineCases))]
    public void A_bad_argument_is_refused_naming_the_flag(string[] args, string message)
    {
        Directory.SetCurrentDirectory(Path.GetTempPath());
        var act = () => ConfigResolver.Resolve(CommandLine.Parse(args), new Dictionary<string, string>(), []);

        act.Should().Throw<ServerConfigException>().Which.Errors.Should().ContainSingle().Which.Should().Be(message);
    }

    [Fact]
    public void All_problems_are_reported_together_in_file_order()
    {
        var act = () => Samples.Resolve("timeout = -1\nloglevel = loud\nbind = 0.0.0.0:70000", new Dictionary<string, string> { ["PORT"] = "x" });

        act.Should().Throw<ServerConfigException>().Which.Errors.Should().Equal(
            "server.conf:1: timeout: -1 is negative (expected whole seconds 0-3600)",
            "server.conf:2: loglevel: 'loud' is not a log level (expected one of debug, info, warning, error, critical)",
            "server.conf:3: bind: port 70000 is out of range (expected a port 0-65535)",
            "PORT: bind: port 'x' is not a number (expected a port 0-65535)");
    }
}
