using ServerConfig;

namespace Fuzz;

/// <summary>The app's configuration parsers: server.conf, its flags and its environment.</summary>
internal static class ServerConfigHarness
{
    /// <summary>A file the app accepts must also render to a file that parses back to the same settings.</summary>
    public static void ServerConf(byte[] input)
    {
        if (Read(FuzzTarget.Text(input)) is not { } settings) return;
        var rendered = ServerConfigFile.Render(settings);
        var back = Read(rendered);
        if (back != settings)
            throw new ContractViolation($"accepted settings do not survive Render → Parse: {settings} became {back?.ToString() ?? "an error"}");
    }

    /// <summary>The settings of <paramref name="text"/>, or null when the app would refuse it (its errors are the user's answer).</summary>
    internal static ServerSettings? Read(string text)
    {
        var errors = new List<string>();
        var settings = ServerSettings.Defaults;
        foreach (var entry in ServerConfigFile.Parse(text, ServerConfigFile.FileName, errors))
        {
            var applied = entry.Setting.Apply(settings, entry.Raw);
            if (applied.Error is null) settings = applied.Value;
            else errors.Add(applied.Error);
        }
        return errors.Count == 0 ? settings : null;
    }

    public static void CommandLine(byte[] input)
    {
        try
        {
            // --config would make the resolver read a file of the fuzzer's choosing; flags only.
            var cli = CommandLineArgs.Parse(FuzzTarget.Lines(input)) with { ConfigPath = null };
            ConfigResolver.Resolve(cli, new Dictionary<string, string>(), searchDirectories: []);
        }
        catch (ServerConfigException)
        {
        }
    }

    public static void Environment(byte[] input)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in FuzzTarget.Lines(input))
        {
            var equals = line.IndexOf('=');
            if (equals > 0) environment[line[..equals]] = line[(equals + 1)..];
        }
        try
        {
            ConfigResolver.Resolve(new CommandLineArgs(RunMode.Serve, null, []), environment, searchDirectories: []);
        }
        catch (ServerConfigException)
        {
        }
    }
}
