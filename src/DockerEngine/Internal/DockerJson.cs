using System.Text.Json;
using System.Text.Json.Serialization;

namespace DockerEngine.Internal;

/// <summary>The engine speaks PascalCase JSON, which matches our record property names as-is.</summary>
internal static class DockerJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new DockerEngineException(DockerErrorKind.Engine, $"The engine returned an empty answer where {typeof(T).Name} was expected.");

    /// <summary>Pulls "message" out of the engine's error body; falls back to the raw text.</summary>
    public static string ErrorMessage(string body)
    {
        body = body.Trim();
        if (body.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    return m.GetString()!.Trim();
            }
            catch (JsonException)
            {
                // Not JSON after all: show it as it came.
            }
        }
        return body.Length == 0 ? "(no message)" : body;
    }
}
