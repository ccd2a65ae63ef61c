namespace ServerConfig.Tests;

/// <summary>The checked-in server.conf against the build's typed settings: rewritten locally with what changed,
/// a failure on CI, a hand edit refused with the parameter to set instead.</summary>
public sealed class SyncTests : IDisposable
{
    private readonly TempDir _dir = new();
    private string ConfPath => Path.Combine(_dir.Path, "server.conf");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_up_to_date_file_is_left_alone()
    {
        File.WriteAllText(ConfPath, ServerConfigFile.Render(ServerSettings.Defaults));
        var before = File.GetLastWriteTimeUtc(ConfPath);

        var result = ServerConfigSync.Sync(ConfPath, ServerSettings.Defaults, isCi: false);

        result.State.Should().Be(ServerConfigState.UpToDate);
        File.GetLastWriteTimeUtc(ConfPath).Should().Be(before);
    }

    [Fact]
    public void Locally_a_file_rendered_from_other_parameters_is_rewritten_and_the_message_says_how_to_keep_the_old_value()
    {
        File.WriteAllText(ConfPath, ServerConfigFile.Render(ServerSettings.Defaults with { Workers = 9 }));

        var result = ServerConfigSync.Sync(ConfPath, ServerSettings.Defaults, isCi: false);

        result.State.Should().Be(ServerConfigState.Written);
        result.Message.Should().Contain("workers 9 → 5").And.Contain("\"ConfWorkers\": 9").And.Contain(".nuke/parameters.json");
        File.ReadAllText(ConfPath).Should().Be(ServerConfigFile.Render(ServerSettings.Defaults));
    }

    [Fact]
    public void On_CI_a_stale_file_is_a_failure_and_is_not_touched()
    {
        var stale = ServerConfigFile.Render(ServerSettings.Defaults);
        File.WriteAllText(ConfPath, stale);

        var result = ServerConfigSync.Sync(ConfPath, ServerSettings.Defaults with { Timeout = 10 }, isCi: true);

        result.State.Should().Be(ServerConfigState.Stale);
        result.Message.Should().Contain("timeout 30 → 10").And.Contain("./build.sh ServerConfig");
        File.ReadAllText(ConfPath).Should().Be(stale);
    }

    [Fact]
    public void A_hand_edit_is_refused_with_the_line_and_the_parameter_that_would_produce_it()
    {
        var edited = ServerConfigFile.Render(ServerSettings.Defaults).Replace("\ntimeout = 30\n", "\ntimeout = 60\n");
        File.WriteAllText(ConfPath, edited);

        var result = ServerConfigSync.Sync(ConfPath, ServerSettings.Defaults, isCi: false);

        result.State.Should().Be(ServerConfigState.HandEdited);
        result.Message.Should().MatchRegex(@"server\.conf:\d+: timeout = 60: set --conf-timeout 60 \(\.nuke/parameters\.json: ""ConfTimeout"": 60\)");
        File.ReadAllText(ConfPath).Should().Be(edited, "a hand edit is never overwritten");
    }

    [Fact]
    public void A_file_from_before_checksums_is_stale_not_hand_edited()
    {
        var rendered = ServerConfigFile.Render(ServerSettings.Defaults);
        File.WriteAllText(ConfPath, rendered[..rendered.IndexOf(ServerConfigFile.ChecksumPrefix, StringComparison.Ordinal)]);

        ServerConfigSync.Sync(ConfPath, ServerSettings.Defaults, isCi: false).State.Should().Be(ServerConfigState.Written);
    }

    [Fact]
    public void The_header_names_the_build_options_that_differ_from_the_defaults()
    {
        ServerConfigFile.Render(ServerSettings.Defaults).Should().Contain("# Rendered from: the defaults.\n");
        ServerConfigFile.Render(ServerSettings.Defaults with { Workers = 9, AccessLog = "" })
            .Should().Contain("# Rendered from: --conf-workers 9, --conf-accesslog \"\".\n");
    }

    [Fact]
    public void Typed_values_the_app_would_refuse_are_named_by_their_build_option()
    {
        ServerConfigFile.Validate(ServerSettings.Defaults).Should().BeEmpty();
        ServerConfigFile.Validate(ServerSettings.Defaults with { Threads = 0, Keepalive = -1 })
            .Should().HaveCount(2).And.Contain(e => e.StartsWith("--conf-threads (threads): ")).And.Contain(e => e.StartsWith("--conf-keepalive (keepalive): "));
    }

    [Fact]
    public void Build_parameter_names_use_the_conf_prefix_no_runtime_variable_uses()
    {
        foreach (var setting in SettingsTable.All)
        {
            ServerConfigFile.BuildOption(setting).Should().StartWith("--conf-");
            var variable = "CONF_" + setting.Name.ToUpperInvariant();
            SettingsTable.All.Should().NotContain(s => s.EnvironmentVariable == variable || s.PlatformVariables.Contains(variable));
        }

        ServerConfigFile.BuildParameter(SettingsTable.Find("graceful_timeout")!).Should().Be("ConfGracefulTimeout");
    }

    [Fact]
    public void Build_cs_declares_a_parameter_for_every_key_and_sets_it_in_the_typed_settings()
    {
        var build = File.ReadAllText(RepoFile("build/Build.cs"));

        foreach (var setting in SettingsTable.All)
        {
            var parameter = ServerConfigFile.BuildParameter(setting);
            build.Should().MatchRegex($@"\[Parameter\([^\n]*\)\]\s+readonly \w+ {parameter} =", $"{setting.Name} needs a build parameter {parameter}");
            build.Should().MatchRegex($@"\s=\s*{parameter},|\({parameter}\),", $"the typed ServerConf value must use {parameter}");
        }
    }

    private static string RepoFile(string name) => RepositoryRoot.File(name);
}
