namespace ServerConfig.Tests;

public sealed class PrecedenceTests
{
    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void The_sample_values_cover_every_key_of_the_table()
    {
        Samples.NonDefault.Keys.Should().BeEquivalentTo(SettingsTable.All.Select(s => s.Name));
        foreach (var setting in SettingsTable.All)
            Samples.NonDefault[setting.Name].Should().NotBe(setting.DefaultText, $"the sample for {setting.Name} must differ from the default");
    }

    [Theory]
    [MemberData(nameof(Samples.Keys), MemberType = typeof(Samples))]
    public void Every_key_is_overridden_by_its_SERVER_variable(string key)
    {
        var setting = SettingsTable.Get(key);
        var raw = Samples.NonDefault[key];

        var resolved = Samples.Resolve($"{key} = {setting.DefaultText}", Env((setting.EnvironmentVariable, raw)));

        setting.Format(resolved.Settings).Should().Be(setting.Format(setting.Apply(ServerSettings.Defaults, raw).Value), "the parser's normal form");
        resolved.SourceOf(key).Should().Be(new ValueSource(SourceKind.Environment, setting.EnvironmentVariable));
    }

    [Theory]
    [MemberData(nameof(Samples.Keys), MemberType = typeof(Samples))]
    public void Every_key_set_on_the_command_line_beats_file_and_environment(string key)
    {
        var setting = SettingsTable.Get(key);
        var raw = Samples.NonDefault[key];
        var other = ServerConfigFile.Render(ServerSettings.Defaults); // a file that sets every key to its default

        var resolved = Samples.Resolve(other, Env((setting.EnvironmentVariable, setting.DefaultText)), setting.Flag, raw);

        setting.Format(resolved.Settings).Should().Be(raw);
        resolved.SourceOf(key).Should().Be(new ValueSource(SourceKind.CommandLine, setting.Flag));
    }

    [Theory]
    [MemberData(nameof(Samples.Keys), MemberType = typeof(Samples))]
    public void Every_key_set_in_the_file_beats_the_default(string key)
    {
        var setting = SettingsTable.Get(key);

        var resolved = Samples.Resolve($"{key} = {Samples.NonDefault[key]}");

        setting.Format(resolved.Settings).Should().Be(Samples.NonDefault[key]);
        resolved.SourceOf(key).Kind.Should().Be(SourceKind.File);
    }

    [Fact]
    public void PORT_replaces_only_the_port_of_bind_and_says_so()
    {
        var resolved = Samples.Resolve("bind = 127.0.0.1:8080", Env(("PORT", "5123")));

        resolved.Settings.Bind.Should().Be(new BindAddress("127.0.0.1", 5123));
        resolved.SourceOf("bind").Where.Should().Be("server.conf:1, PORT");
    }

    [Fact]
    public void WEB_CONCURRENCY_sets_workers()
    {
        var resolved = Samples.Resolve("workers = 9", Env(("WEB_CONCURRENCY", "4")));

        resolved.Settings.Workers.Should().Be(4);
        resolved.SourceOf("workers").Should().Be(new ValueSource(SourceKind.Environment, "WEB_CONCURRENCY"));
    }

    [Fact]
    public void Explicit_SERVER_variables_beat_the_platform_conventions()
    {
        var resolved = Samples.Resolve(null, Env(("PORT", "5000"), ("SERVER_BIND", "127.0.0.1:6000"), ("WEB_CONCURRENCY", "4"), ("SERVER_WORKERS", "2")));

        resolved.Settings.Bind.Port.Should().Be(6000);
        resolved.Settings.Workers.Should().Be(2);
    }

    [Fact]
    public void Command_line_beats_PORT()
    {
        var resolved = Samples.Resolve(null, Env(("PORT", "5000")), "--bind", "127.0.0.1:7000");

        resolved.Settings.Bind.Should().Be(new BindAddress("127.0.0.1", 7000));
        resolved.SourceOf("bind").Where.Should().Be("--bind");
    }

    [Fact]
    public void Unrelated_variables_are_ignored()
    {
        Samples.Resolve(null, Env(("HOME", "/root"), ("SERVERLESS", "1"))).Settings.Should().Be(ServerSettings.Defaults);
    }
}
