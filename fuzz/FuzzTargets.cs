namespace Fuzz;

/// <summary>Every parser the Fuzz target fuzzes, by the name used for its corpus folder (fuzz/corpus/&lt;name&gt;).</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("server-conf", "server.conf (ServerConfigFile.Parse, each value through the settings table, rendered back)", ServerConfigHarness.ServerConf),
        new("command-line", "the app's flags (ServerConfig.CommandLine + ConfigResolver), one argument per line", ServerConfigHarness.CommandLine),
        new("environment", "the app's SERVER_*/PORT/WEB_CONCURRENCY variables (ConfigResolver), one NAME=VALUE per line", ServerConfigHarness.Environment),
        new("database-url", "DATABASE_URL and ConnectionStrings__Default (DatabaseUrl)", AppHarness.DatabaseUrl),
        new("quote-input", "GET /api/quote's amount, income and term (QuoteInput), one per line", AppHarness.QuoteInput),
        new("application-json", "POST /api/applications' JSON body (ApplicationRequest + validation)", AppHarness.ApplicationJson),
        new("dockerignore", ".dockerignore (DockerIgnore.Parse and its matcher)", BuildHarness.DockerIgnore),
        new("parameters-json", ".nuke/parameters.json (ParametersFile.Read and the value conversion)", BuildHarness.ParametersJson),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
