using System.Text;
using System.Text.Json;

namespace TypedBuild;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c> (JSON Schema draft-07 for <c>parameters.json</c>) from the declared
/// parameters and targets, only when its content changes (no churn in git, no needless writes).
/// </summary>
public static class SchemaWriter
{
    public const string FileName = "build.schema.json";

    /// <summary>Returns true when the file was (re)written.</summary>
    public static bool WriteIfChanged(string path, BuildModel model)
    {
        var content = Generate(model);
        if (File.Exists(path) && File.ReadAllText(path) == content)
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return true;
    }

    public static string Generate(BuildModel model)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
            json.WriteString("title", "Build parameters (.nuke/parameters.json)");
            json.WriteString("type", "object");
            json.WriteStartObject("definitions");
            json.WriteStartObject("Target");
            json.WriteString("type", "string");
            WriteEnum(json, model.Targets.Select(t => t.Name));
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteEndObject();
            WriteTargetList(json, "Target", "Targets to run when none are given on the command line");
            WriteTargetList(json, "Skip", "Targets to skip");
            json.WriteStartObject("Verbosity");
            json.WriteString("type", "string");
            WriteEnum(json, Enum.GetNames<Verbosity>().Select(n => n.ToLowerInvariant()));
            json.WriteEndObject();
            foreach (var parameter in model.Parameters)
                WriteParameter(json, parameter);
            json.WriteEndObject();
            json.WriteBoolean("additionalProperties", false);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    private static void WriteParameter(Utf8JsonWriter json, BuildParameter parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ValueType) ?? parameter.ValueType;
        json.WriteStartObject(parameter.Name);
        var description = $"{parameter.Description} (--{parameter.OptionName}, env {parameter.EnvironmentVariable})";
        json.WriteString("description", parameter.IsSecret ? description + ". Secret: prefer the environment variable." : description);
        if (type == typeof(bool))
            json.WriteString("type", "boolean");
        else if (type == typeof(int) || type == typeof(long))
            json.WriteString("type", "integer");
        else if (type == typeof(string[]))
        {
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            json.WriteString("type", "string");
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("type", "string");
            if (parameter.Choices.Count > 0)
                WriteEnum(json, parameter.Choices);
            else if (type.IsEnum)
                WriteEnum(json, Enum.GetNames(type));
        }

        json.WriteEndObject();
    }

    private static void WriteTargetList(Utf8JsonWriter json, string name, string description)
    {
        json.WriteStartObject(name);
        json.WriteString("description", description);
        json.WriteString("type", "array");
        json.WriteStartObject("items");
        json.WriteString("$ref", "#/definitions/Target");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteEnum(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray("enum");
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
