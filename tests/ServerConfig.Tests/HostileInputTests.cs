namespace ServerConfig.Tests;

/// <summary>
/// Issue 14, the configuration half: what an unlucky operator or a platform puts in front of the resolver.
/// Each refusal is one line naming where the value came from; nothing is silently taken or silently dropped.
/// </summary>
public sealed class HostileInputTests
{
    // Kubernetes puts these into every pod of a namespace that has a Service named "server".
    public static TheoryData<string, string> ServiceLinkVariables() => new()
    {
        { "SERVER_PORT", "tcp://10.0.0.1:80" },
        { "SERVER_SERVICE_HOST", "10.0.0.1" },
        { "SERVER_SERVICE_PORT", "80" },
        { "SERVER_SERVICE_PORT_HTTP", "80" },
        { "SERVER_SERVICE_PORT_METRICS_2", "9090" },
        { "SERVER_PORT_80_TCP", "tcp://10.0.0.1:80" },
        { "SERVER_PORT_80_TCP_PROTO", "tcp" },
        { "SERVER_PORT_80_TCP_PORT", "80" },
        { "SERVER_PORT_80_TCP_ADDR", "10.0.0.1" },
        { "SERVER_PORT_53_UDP_ADDR", "10.0.0.1" },
        { "SERVER_PORT", "udp://[fd00::1]:53" },
    };

    [Theory]
    [MemberData(nameof(ServiceLinkVariables))]
    public void A_kubernetes_service_link_variable_is_ignored_and_reported_as_ignored(string name, string value)
    {
        var resolved = Samples.Resolve(null, new Dictionary<string, string> { [name] = value });

        resolved.Settings.Should().Be(ServerSettings.Defaults);
        resolved.IgnoredVariables.Should().Equal(name);
    }

    [Fact]
    public void A_whole_service_link_set_starts_on_defaults_while_a_typo_beside_it_is_still_caught()
    {
        var env = new Dictionary<string, string>
        {
            ["SERVER_PORT"] = "tcp://10.0.0.1:80", ["SERVER_SERVICE_HOST"] = "10.0.0.1", ["SERVER_SERVICE_PORT"] = "80",
            ["SERVER_PORT_80_TCP"] = "tcp://10.0.0.1:80", ["SERVER_PORT_80_TCP_ADDR"] = "10.0.0.1",
            ["SERVER_PORT_80_TCP_PORT"] = "80", ["SERVER_PORT_80_TCP_PROTO"] = "tcp", ["SERVER_TIMEOT"] = "5",
        };

        Samples.ErrorOf(null, env).Should().Be("SERVER_TIMEOT: unknown setting variable (did you mean SERVER_TIMEOUT?)");
    }

    public static TheoryData<string, string, string> NotServiceLinks() => new()
    {
        // SERVER_PORT with a plain port is someone expecting a setting: say which variables do that.
        { "SERVER_PORT", "9000", "SERVER_PORT: not a setting variable (expected PORT=9000 for the port, or SERVER_BIND=HOST:PORT; only a Kubernetes service link, tcp://IP:PORT, is ignored here)" },
        { "SERVER_PORT", "http://10.0.0.1:80", "SERVER_PORT: not a setting variable (expected PORT=http://10.0.0.1:80 for the port, or SERVER_BIND=HOST:PORT; only a Kubernetes service link, tcp://IP:PORT, is ignored here)" },
        { "SERVER_SERVICE_HOSTS", "10.0.0.1", "SERVER_SERVICE_HOSTS: unknown setting variable (expected SERVER_<KEY> for a key of server.conf)" },
        { "SERVER_PORT_80_HTTP", "tcp://10.0.0.1:80", "SERVER_PORT_80_HTTP: unknown setting variable (expected SERVER_<KEY> for a key of server.conf)" },
        { "SERVER_WORKER", "4", "SERVER_WORKER: unknown setting variable (did you mean SERVER_WORKERS?)" },
        { "SERVER_bind", "0.0.0.0:80", "SERVER_bind: unknown setting variable (did you mean SERVER_BIND?)" },
    };

    [Theory]
    [MemberData(nameof(NotServiceLinks))]
    public void A_variable_that_only_resembles_a_service_link_is_still_refused(string name, string value, string message)
    {
        Samples.ErrorOf(null, new Dictionary<string, string> { [name] = value }).Should().Be(message);
    }

    public static TheoryData<string, string> QuotedValueCases() => new()
    {
        { "timeout = \"30\" junk", "server.conf:1: timeout: unexpected 'junk' after the closing quote (expected only a # comment after \"value\")" },
        { "# a\naccesslog = \"/tmp/a.log\"\"", "server.conf:2: accesslog: unexpected '\"' after the closing quote (expected only a # comment after \"value\")" },
        { "loglevel = \"debug\"info", "server.conf:1: loglevel: unexpected 'info' after the closing quote (expected only a # comment after \"value\")" },
        { "accesslog = \"a b\" c # note", "server.conf:1: accesslog: unexpected 'c # note' after the closing quote (expected only a # comment after \"value\")" },
    };

    [Theory]
    [MemberData(nameof(QuotedValueCases))]
    public void Text_after_a_closing_quote_is_refused_with_file_and_line(string fileText, string message)
    {
        Samples.ErrorOf(fileText).Should().Be(message);
    }

    [Fact]
    public void A_comment_after_a_quoted_value_is_still_fine()
    {
        Samples.Resolve("accesslog = \"/tmp/a b.log\"   # spaces kept\nkeepalive = \"3\"#tight").Settings
            .Should().Match<ServerSettings>(s => s.AccessLog == "/tmp/a b.log" && s.Keepalive == 3);
    }

    [Fact]
    public void Workers_times_threads_beyond_the_thread_pool_maximum_is_refused_naming_both_sources_and_the_limit()
    {
        ThreadPool.GetMaxThreads(out var max, out _);

        Samples.ErrorOf("workers = 256", new Dictionary<string, string> { ["SERVER_THREADS"] = "256" }).Should().Be(
            $"server.conf:1, SERVER_THREADS: workers x threads = 256 x 256 = 65536 is more than the thread pool accepts (expected at most {max}, ThreadPool.GetMaxThreads)");
        Samples.Resolve("workers = 256\nthreads = 100").Settings.RequestSlots.Should().Be(25600, "within the limit is taken as given");
    }

    [Fact]
    public void Localhost_in_the_file_with_PORT_0_is_refused_naming_both()
    {
        Samples.ErrorOf("bind = localhost:8080", new Dictionary<string, string> { ["PORT"] = "0" }).Should().Be(
            "server.conf:1, PORT: bind: localhost:0: port 0 needs an IP address, Kestrel cannot pick a free port for localhost (expected e.g. 127.0.0.1:0, or a port other than 0)");
        Samples.Resolve("bind = 127.0.0.1:8080", new Dictionary<string, string> { ["PORT"] = "0" }).Settings.Bind.Should().Be(new BindAddress("127.0.0.1", 0));
    }

    [Fact]
    public void A_config_path_that_is_a_directory_is_refused_not_crashed_on()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "server.conf"));
        Directory.SetCurrentDirectory(dir.Path);

        // Found by the search (a directory named server.conf in the working directory) is skipped, as no file.
        ConfigResolver.Resolve(CommandLine.Parse([]), new Dictionary<string, string>(), [dir.Path]).ConfigFile.Should().BeNull();
        var act = () => ConfigResolver.Resolve(CommandLine.Parse(["--config", "server.conf"]), new Dictionary<string, string>(), []);
        act.Should().Throw<ServerConfigException>().Which.Errors.Should().ContainSingle().Which.Should().StartWith("server.conf: file not found at ");
    }
}
