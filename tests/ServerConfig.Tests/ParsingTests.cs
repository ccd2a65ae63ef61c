namespace ServerConfig.Tests;

public sealed class ParsingTests
{
    [Fact]
    public void Comments_blank_lines_quotes_and_trailing_comments_are_understood()
    {
        var resolved = Samples.Resolve("""
            # a comment
               # an indented comment

            bind = "127.0.0.1:7000"
            timeout=45   # seconds
            accesslog =
            errorlog = "/tmp/with # hash.log"
            """);

        resolved.Settings.Bind.Should().Be(new BindAddress("127.0.0.1", 7000));
        resolved.Settings.Timeout.Should().Be(45);
        resolved.Settings.AccessLog.Should().BeEmpty();
        resolved.Settings.ErrorLog.Should().Be("/tmp/with # hash.log");
    }

    [Fact]
    public void Each_value_remembers_the_file_line_it_came_from()
    {
        var resolved = Samples.Resolve("# header\nworkers = 3\n\nloglevel = debug\n");

        resolved.SourceOf("workers").Should().Be(new ValueSource(SourceKind.File, "server.conf:2"));
        resolved.SourceOf("loglevel").Should().Be(new ValueSource(SourceKind.File, "server.conf:4"));
        resolved.SourceOf("timeout").Should().Be(ValueSource.Default);
        resolved.Describe().Should().Contain("workers=3 (server.conf:2)").And.Contain("timeout=30 ").And.Contain("bind=0.0.0.0:8080 ").And.Contain("loglevel=debug (server.conf:4)");
    }

    [Theory]
    [InlineData("0.0.0.0:8080", "0.0.0.0", 8080)]
    [InlineData("*:80", "0.0.0.0", 80)]
    [InlineData(":81", "0.0.0.0", 81)]
    [InlineData("localhost:5000", "localhost", 5000)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::]:8080", "::", 8080)]
    [InlineData("[::1]:5000", "::1", 5000)]
    public void Bind_accepts_the_usual_forms(string raw, string host, int port)
    {
        var settings = Samples.Resolve($"bind = {raw}").Settings;

        settings.Bind.Should().Be(new BindAddress(host, port));
    }

    [Fact]
    public void Forwarded_allow_ips_is_normalised_and_parsed_into_networks()
    {
        var settings = Samples.Resolve("forwarded_allow_ips = 10.0.0.0/8 , 192.168.1.1").Settings;

        settings.ForwardedAllowIps.Should().Be("10.0.0.0/8,192.168.1.1");
        settings.ForwardedNetworks.Select(n => n.ToString()).Should().Equal("10.0.0.0/8", "192.168.1.1/32");
        Samples.Resolve("forwarded_allow_ips = *").Settings.ForwardedNetworks.Should().BeEmpty();
    }

    [Fact]
    public void Without_a_file_the_defaults_apply_and_no_file_is_reported()
    {
        var resolved = Samples.Resolve(fileText: null);

        resolved.ConfigFile.Should().BeNull();
        resolved.Settings.Should().Be(ServerSettings.Defaults);
    }

    [Fact]
    public void Command_line_modes_and_config_path_are_recognised()
    {
        CommandLine.Parse(["--healthcheck", "--config=/etc/x.conf"]).Should().BeEquivalentTo(
            new { Mode = RunMode.HealthCheck, ConfigPath = "/etc/x.conf" });
        CommandLine.Parse(["--check-config"]).Mode.Should().Be(RunMode.CheckConfig);
        CommandLine.Parse(["--help"]).Mode.Should().Be(RunMode.Help);
        CommandLine.Parse([]).Should().BeEquivalentTo(new { Mode = RunMode.Serve, ConfigPath = (string?)null });
    }
}
