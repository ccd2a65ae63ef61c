using CsCheck;

namespace ServerConfig.Tests.Properties;

/// <summary>Issue 23: any valid settings value renders to a server.conf that parses back to the same value.</summary>
public sealed class RoundTripProperties
{
    [Fact]
    public void Every_valid_settings_value_renders_to_a_server_conf_that_parses_back_to_it()
    {
        Generators.Settings.Sample(settings =>
        {
            Problems(settings).Should().BeEmpty("the generator makes valid values only");
            var errors = new List<string>();
            var parsed = ServerSettings.Defaults;
            foreach (var entry in ServerConfigFile.Parse(ServerConfigFile.Render(settings), ServerConfigFile.FileName, errors))
            {
                var applied = entry.Setting.Apply(parsed, entry.Raw);
                if (applied.Error is null) parsed = applied.Value;
                else errors.Add($"{entry.Setting.Name} = {entry.Raw}: {applied.Error}");
            }

            errors.Should().BeEmpty();
            parsed.Should().Be(settings);
        }, iter: 300);
    }

    /// <summary>The property's counterexamples: each log path is refused as a value, or written so that it reads back whole.</summary>
    [Theory]
    [InlineData("\"")]
    [InlineData("logs/a #b.log")]
    [InlineData(" leading.log")]
    [InlineData("trailing.log ")]
    [InlineData("a\nworkers = 1")]
    public void A_log_path_is_refused_or_survives_render_and_parse(string path)
    {
        var settings = ServerSettings.Defaults with { AccessLog = path };
        if (Problems(settings) is { Count: > 0 } refused)
        {
            refused.Should().ContainSingle().Which.Should().Contain("accesslog").And.Contain("(expected");
            return;
        }

        var entries = ServerConfigFile.Parse(ServerConfigFile.Render(settings), ServerConfigFile.FileName, []);

        entries.Single(e => e.Setting.Name == "accesslog").Raw.Should().Be(path);
    }

    /// <summary>Each value the table refuses, as "key: error" (what the app would say reading it from a file).</summary>
    private static IReadOnlyList<string> Problems(ServerSettings settings) =>
        SettingsTable.All
            .Select(s => (s.Name, s.Apply(ServerSettings.Defaults, s.Format(settings)).Error))
            .Where(x => x.Error is not null)
            .Select(x => $"{x.Name}: {x.Error}")
            .ToList();
}
