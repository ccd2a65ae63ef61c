using CsCheck;

namespace ServerConfig.Tests.Properties;

/// <summary>Issue 23: any string given to the app's configuration parsers yields a value or the parser's own error, never another exception.</summary>
public sealed class NeverThrowsProperties
{
    [Fact]
    public void Server_conf_text_gives_entries_or_line_errors()
    {
        Generators.ConfigLikeText.Sample(text =>
        {
            var errors = new List<string>();
            foreach (var entry in ServerConfigFile.Parse(text, ServerConfigFile.FileName, errors))
                entry.Setting.Apply(ServerSettings.Defaults, entry.Raw);
        }, iter: 500);
    }

    [Fact]
    public void Every_setting_answers_any_raw_value_with_a_value_or_an_expected_error()
    {
        Gen.Select(Gen.OneOf(SettingsTable.All.ToArray()), Generators.ConfigLikeText).Sample((setting, raw) =>
        {
            var applied = setting.Apply(ServerSettings.Defaults, raw);
            if (applied.Error is not null) applied.Error.Should().Contain("(expected", "every error says what would be right");
        }, iter: 500);
    }

    [Fact]
    public void Flags_resolve_or_raise_the_configuration_error()
    {
        Generators.ConfigLikeText.Array[0, 6].Sample(args =>
        {
            try
            {
                var cli = CommandLineArgs.Parse(args) with { ConfigPath = null }; // --config would read a file of the generator's choosing
                ConfigResolver.Resolve(cli, new Dictionary<string, string>(), []);
            }
            catch (ServerConfigException)
            {
            }
        }, iter: 300);
    }

    [Fact]
    public void Environment_variables_resolve_or_raise_the_configuration_error()
    {
        var name = Gen.OneOf(Gen.OneOf(SettingsTable.All.Select(s => s.EnvironmentVariable).Concat(["PORT", "WEB_CONCURRENCY", "SERVER_PORT", "SERVER_"]).ToArray()),
            Gen.String.Select(s => "SERVER_" + s));
        Gen.Select(name, Generators.ConfigLikeText).Array[0, 5].Sample(variables =>
        {
            var environment = new Dictionary<string, string>();
            foreach (var (key, value) in variables) environment[key] = value;
            try
            {
                ConfigResolver.Resolve(new CommandLineArgs(RunMode.Serve, null, []), environment, []);
            }
            catch (ServerConfigException)
            {
            }
        }, iter: 300);
    }
}
