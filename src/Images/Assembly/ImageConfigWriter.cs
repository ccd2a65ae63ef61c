using Images.Platforms;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Images.Assembly;

/// <summary>
/// Writes the assembled image's config from the one the engine built for the Dockerfile's final stage: what the
/// Dockerfile declares (user, working directory, environment, ports, health check, entrypoint, labels…) is kept; what
/// the engine adds per build (its parent step's id, the build container, its own version, wall-clock times) is not.
/// The image id is the sha256 of these bytes, so the same inputs always give the same bytes: fixed key order,
/// <c>created</c> and every history entry of the final stage at the source date, the platform from the caller.
/// </summary>
public static class ImageConfigWriter
{
    /// <summary>The container config keys an image config carries (OCI's set plus Docker's health check, shell and stop timeout).</summary>
    private static readonly string[] ContainerConfigKeys =
        ["User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels", "StopSignal", "StopTimeout", "Healthcheck", "Shell", "ArgsEscaped"];

    private static readonly string[] HistoryKeys = ["created", "created_by", "author", "comment", "empty_layer"];

    /// <param name="built">The engine's config of the final stage (from <c>docker save</c>).</param>
    /// <param name="baseLayers">How many of <paramref name="built"/>'s layers are the base image's (kept as they are).</param>
    /// <param name="baseHistory">How many of its history entries are the base image's (kept verbatim).</param>
    /// <param name="layer">The final stage's layers merged into one (<see cref="LayerNormalizer"/>).</param>
    /// <param name="layerCreatedBy">What the history says made that layer.</param>
    public static byte[] Write(JsonObject built, int baseLayers, int baseHistory, NormalizedLayer layer, ImagePlatform platform,
        DateTimeOffset sourceDate, string layerCreatedBy)
    {
        var created = JsonValue.Create(Rfc3339(sourceDate));
        var diffIds = built["rootfs"]?["diff_ids"]?.AsArray().Select(d => d!.GetValue<string>()).ToList()
                      ?? throw new ImagesException("The built image's config has no rootfs.diff_ids.");
        if (diffIds.Count < baseLayers)
            throw new ImagesException($"The built image has {diffIds.Count} layers, fewer than its base's {baseLayers}: it was not built FROM that base.");

        var history = new JsonArray();
        var sourceHistory = built["history"]?.AsArray() ?? [];
        var layersSeen = 0;
        for (var i = 0; i < sourceHistory.Count; i++)
        {
            var entry = sourceHistory[i]!.AsObject();
            var empty = entry["empty_layer"]?.GetValue<bool>() == true;
            // The base's entries are the base's (its digest fixes them); an image without history stops at its layers.
            var isBase = i < baseHistory || layersSeen < baseLayers;
            if (!empty)
                layersSeen++;
            if (isBase)
                history.Add(Pick(entry, HistoryKeys));
            else if (empty)
                history.Add(Pick(entry, HistoryKeys, ("created", created.DeepClone())));
        }
        history.Add(new JsonObject { ["created"] = created.DeepClone(), ["created_by"] = layerCreatedBy, ["comment"] = "assembled: one normalised layer" });

        var config = new JsonObject
        {
            ["architecture"] = platform.Architecture,
            ["config"] = Pick(built["config"]?.AsObject() ?? [], ContainerConfigKeys),
            ["created"] = created.DeepClone(),
            ["history"] = history,
            ["os"] = platform.Os,
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray([.. diffIds.Take(baseLayers).Append(layer.DiffId).Select(d => JsonValue.Create(d))]),
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(config);
    }

    /// <summary>RFC 3339 in UTC to the second, as image configs write times.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Pick(JsonObject source, string[] keys, params (string Key, JsonNode? Value)[] overrides)
    {
        var result = new JsonObject();
        foreach (var key in keys)
        {
            if (overrides.FirstOrDefault(o => o.Key == key) is { Key: not null } o)
                result[key] = o.Value;
            else if (source[key] is { } value)
                result[key] = value.DeepClone();
        }
        return result;
    }
}
