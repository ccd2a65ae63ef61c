namespace ServerConfig.Tests;

public sealed class RenderTests
{
    private static string RepoFile(string name) => RepositoryRoot.File(name);

    [Fact]
    public void The_checked_in_server_conf_is_a_rendered_file_the_app_accepts()
    {
        // Which values it holds is the build's business (the --conf-* parameters, checked by the build's own tests and
        // on CI): a team that customises a value stays green. The app needs an unedited file with every key once.
        var checkedIn = File.ReadAllText(RepoFile("server.conf"));
        var errors = new List<string>();

        var entries = ServerConfigFile.Parse(checkedIn, "server.conf", errors);

        errors.Should().BeEmpty();
        entries.Select(e => e.Setting).Should().Equal(SettingsTable.All, "the renderer writes every key, in the table's order");
        ServerConfigFile.HasValidChecksum(checkedIn).Should().BeTrue("server.conf is generated: run ./build.sh ServerConfig instead of editing it");
        var settings = ServerConfigFile.Apply(ServerSettings.Defaults, entries.ToDictionary(e => e.Setting.Name, e => e.Raw));
        SettingsRules.Check(settings).Should().BeEmpty();
    }

    [Fact]
    public void Rendering_is_deterministic_and_says_how_it_was_generated()
    {
        var first = ServerConfigFile.Render(ServerSettings.Defaults);

        ServerConfigFile.Render(ServerSettings.Defaults with { }).Should().Be(first);
        first.Should().StartWith("# server.conf: settings of the CreditRobot server");
        first.Should().NotContain("\r").And.EndWith("\n");
    }

    [Fact]
    public void A_rendered_file_parses_back_to_the_same_settings_for_every_key()
    {
        var settings = ServerConfigFile.Apply(ServerSettings.Defaults, Samples.NonDefault);

        var reparsed = Samples.Resolve(ServerConfigFile.Render(settings)).Settings;

        reparsed.Should().Be(settings);
        foreach (var setting in SettingsTable.All)
            setting.Format(reparsed).Should().Be(Samples.NonDefault[setting.Name]);
    }

    [Fact]
    public void The_build_target_renders_typed_values_or_raw_overrides()
    {
        var typed = ServerConfigFile.Render(ServerSettings.Defaults with
        {
            Port = 9090,
            Workers = ServerSettings.WorkersFor(cpuCount: 4),
            LogLevel = LogLevelSetting.Warning,
        });
        var raw = ServerConfigFile.Render(new Dictionary<string, string> { ["bind"] = "0.0.0.0:9090", ["workers"] = "9", ["loglevel"] = "warning" });

        typed.Should().Be(raw);
        typed.Should().Contain("\nbind = 0.0.0.0:9090\n").And.Contain("\nworkers = 9\n").And.Contain("\nloglevel = warning\n");
    }

    [Fact]
    public void Write_reports_whether_the_file_changed()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "server.conf");

        ServerConfigFile.Write(path, ServerSettings.Defaults).Should().BeTrue();
        ServerConfigFile.Write(path, ServerSettings.Defaults).Should().BeFalse("an identical render leaves the file alone");
        ServerConfigFile.Write(path, ServerSettings.Defaults with { Timeout = 60 }).Should().BeTrue();
        File.ReadAllText(path).Should().Contain("\ntimeout = 60\n");
    }

    [Fact]
    public void Bad_raw_overrides_are_refused_before_anything_is_written()
    {
        var act = () => ServerConfigFile.Render(new Dictionary<string, string> { ["timeout"] = "-1", ["keepalve"] = "5" });

        act.Should().Throw<ServerConfigException>().Which.Errors.Should().Equal(
            "keepalve: unknown setting (did you mean 'keepalive'?)",
            "timeout: -1 is negative (expected whole seconds 0-3600)");
    }

    [Fact]
    public void Docs_server_conf_md_holds_the_generated_settings_table()
    {
        // docs/server-conf.md is where users read every key; the table between these markers is SettingsDocs.MarkdownTable().
        const string start = "<!-- settings-table:start -->", end = "<!-- settings-table:end -->";
        var docs = File.ReadAllText(RepoFile("docs/server-conf.md"));
        docs.Should().Contain(start, "docs/server-conf.md lists every server.conf key between the settings-table markers");

        var from = docs.IndexOf(start, StringComparison.Ordinal) + start.Length;
        docs[from..docs.IndexOf(end, from, StringComparison.Ordinal)].Trim('\n').Should().Be(SettingsDocs.MarkdownTable().TrimEnd('\n'),
            "paste SettingsDocs.MarkdownTable() between the markers in docs/server-conf.md after changing the settings table");
    }

    [Fact]
    public void Docs_have_one_row_and_one_flag_per_setting()
    {
        var table = SettingsDocs.MarkdownTable().TrimEnd('\n').Split('\n');
        var help = SettingsDocs.HelpText("CreditRobot");

        table.Should().HaveCount(SettingsTable.All.Count + 2);
        foreach (var setting in SettingsTable.All)
        {
            table.Should().ContainSingle(row => row.Contains($"| `{setting.Name}` |") && row.Contains(setting.EnvironmentVariable));
            help.Should().Contain(setting.Flag);
        }
        table.Should().Contain(row => row.StartsWith("| `bind` | `bind` | `0.0.0.0:8080` |") && row.Contains("`-e PORT=…`"));
    }
}
