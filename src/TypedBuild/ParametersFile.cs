using System.Text.Json;

namespace TypedBuild;

/// <summary><c>.nuke/parameters.json</c>: parameter values by member name, plus Target/Skip/Verbosity.</summary>
internal sealed class ParametersFile
{
    public const string FileName = "parameters.json";
    public static readonly string[] BuiltInKeys = ["$schema", "Target", "Skip", "Verbosity"];

    public Dictionary<BuildParameter, List<string>> Values { get; } = [];
    public List<string>? Targets { get; private set; }
    public List<string>? Skip { get; private set; }
    public string? Verbosity { get; private set; }
    public List<string> Errors { get; } = [];

    public static ParametersFile Read(string path, IReadOnlyList<BuildParameter> parameters)
    {
        var file = new ParametersFile();
        if (!File.Exists(path))
            return file;

        const string where = ".nuke/" + FileName;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            file.Errors.Add($"{where} is not valid JSON: {e.Message}");
            return file;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                file.Errors.Add($"{where} must contain a JSON object.");
                return file;
            }

            foreach (var property in document.RootElement.EnumerateObject())
                file.ReadProperty(property, parameters, where);
        }

        return file;
    }

    private void ReadProperty(JsonProperty property, IReadOnlyList<BuildParameter> parameters, string where)
    {
        var key = property.Name;
        if (key == "$schema")
            return;

        var values = ToStrings(property.Value);
        if (values is null)
        {
            Errors.Add($"{where} key '{key}': expected a string, number, boolean or array of strings, got {property.Value.ValueKind}.");
            return;
        }

        switch (key)
        {
            case "Target":
                Targets = values;
                return;
            case "Skip":
                Skip = values;
                return;
            case "Verbosity":
                Verbosity = values.FirstOrDefault();
                return;
        }

        var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
        if (parameter is null)
        {
            var candidates = parameters.Select(p => p.Name).Concat(BuiltInKeys);
            Errors.Add($"{where}: unknown key '{key}'.{Naming.DidYouMean(key, candidates)} Valid keys are listed in .nuke/build.schema.json.");
            return;
        }

        if (property.Value.ValueKind != JsonValueKind.Null)
            Values[parameter] = values;
    }

    private static List<string>? ToStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Number => [element.GetRawText()],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Null => [],
        JsonValueKind.Array => element.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            ? element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList()
            : null,
        _ => null,
    };
}
