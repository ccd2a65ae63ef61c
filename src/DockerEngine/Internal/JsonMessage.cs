using System.Runtime.CompilerServices;
using System.Text.Json;

namespace DockerEngine.Internal;

/// <summary>One line of the engine's progress stream (build, pull, push): {"stream":…} / {"status":…} / {"aux":…} / {"errorDetail":…}.</summary>
internal sealed record JsonMessage
{
    public string? Stream { get; init; }
    public string? Status { get; init; }
    public string? Progress { get; init; }
    public string? Id { get; init; }
    public string? Error { get; init; }
    public JsonMessageError? ErrorDetail { get; init; }
    public JsonElement? Aux { get; init; }

    /// <summary>The failure text if this message reports one ("errorDetail" preferred, "error" otherwise).</summary>
    public string? FailureMessage => ErrorDetail?.Message is { Length: > 0 } detail ? detail : Error is { Length: > 0 } e ? e : null;

    /// <summary>Reads messages as they arrive; the engine ends each with "\r\n".</summary>
    public static async IAsyncEnumerable<JsonMessage> ReadAllAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            JsonMessage? message;
            try
            {
                message = JsonSerializer.Deserialize<JsonMessage>(line, DockerJson.Options);
            }
            catch (JsonException)
            {
                // Not one of the engine's messages: keep it as plain output rather than lose it.
                message = new JsonMessage { Stream = line + "\n" };
            }
            if (message is not null)
                yield return message;
        }
    }
}

internal sealed record JsonMessageError(int? Code, string? Message);
