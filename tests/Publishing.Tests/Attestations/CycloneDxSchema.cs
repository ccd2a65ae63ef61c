using System.Text.Json.Nodes;
using Json.Schema;

namespace Publishing.Tests.Attestations;

/// <summary>
/// CycloneDX 1.5's published JSON schema, from npm's @cyclonedx/cyclonedx-library (which ships the standard's
/// schemas), installed once per machine; JsonSchema.Net validates against it with format checks on.
/// </summary>
internal static class CycloneDxSchema
{
    private const string Package = "@cyclonedx/cyclonedx-library@10.3.0";
    private static readonly string InstallDirectory = Path.Combine(Path.GetTempPath(), "creditrobot-cyclonedx-library-10.3.0");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static JsonSchema? _schema;

    public static async Task<EvaluationResults> ValidateAsync(byte[] document)
    {
        var schema = await LoadAsync();
        return schema.Evaluate(JsonNode.Parse(document), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static async Task<JsonSchema> LoadAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_schema is not null) return _schema;
            var directory = Path.Combine(InstallDirectory, "node_modules", "@cyclonedx", "cyclonedx-library", "res", "schema");
            var bom = Path.Combine(directory, "bom-1.5.SNAPSHOT.schema.json");
            if (!File.Exists(bom))
                await NodeTools.InstallAsync(InstallDirectory, [Package], bom, "validate SBOMs");
            // The bom schema names its neighbours by file name; they declare themselves by their published $id.
            foreach (var neighbour in new[] { "spdx", "jsf-0.82" })
                SchemaRegistry.Global.Register(JsonSchema.FromFile(Path.Combine(directory, $"{neighbour}.SNAPSHOT.schema.json")));
            var text = (await File.ReadAllTextAsync(bom)).Replace(".SNAPSHOT.schema.json", ".schema.json");
            return _schema = JsonSchema.FromText(text);
        }
        finally { InstallLock.Release(); }
    }
}
