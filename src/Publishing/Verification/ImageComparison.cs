using System.Formats.Tar;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Publishing.Registry;

namespace Publishing.Verification;

/// <summary>
/// Is a local image (a rebuild) the published one? The published manifest's config digest must equal the local image
/// id (the sha256 of its config, which names every layer's diff_id). When not: the first layer whose diff_id differs
/// and the first file that differs inside it (the published blob from the registry against the rebuilt layer from
/// the engine's export), or, when every layer is equal, the first config field that differs.
/// </summary>
public sealed class ImageComparison(RegistryClient registry, string repository, IDockerClient docker)
{
    /// <summary>Null when the images are the same; else what differs, in one line.</summary>
    public async Task<string?> CompareAsync(string manifestDigest, string localImage, CancellationToken ct = default)
    {
        var manifest = JsonNode.Parse(await registry.GetRawAsync(repository, "manifests", manifestDigest, ct)
                                      ?? throw new InvalidOperationException($"{repository}@{manifestDigest} is not in the registry"))!;
        var configDigest = manifest["config"]!["digest"]!.GetValue<string>();
        var local = await docker.Images.InspectImageAsync(localImage, ct);
        if (configDigest == local.ID)
            return null;

        var published = JsonNode.Parse((await registry.GetRawAsync(repository, "blobs", configDigest, ct))!)!;
        var publishedLayers = published["rootfs"]?["diff_ids"]?.AsArray().Select(d => d!.GetValue<string>()).ToList() ?? [];
        var rebuiltLayers = local.RootFS?.Layers ?? [];
        var work = Directory.CreateTempSubdirectory("creditrobot-verify-");
        try
        {
            var (rebuiltConfig, layerFiles) = await ExportAsync(localImage, work.FullName, ct);
            var index = Enumerable.Range(0, Math.Max(publishedLayers.Count, rebuiltLayers.Count))
                .FirstOrDefault(i => i >= publishedLayers.Count || i >= rebuiltLayers.Count || publishedLayers[i] != rebuiltLayers[i], -1);
            var differs = $"image id: published {AttachmentVerifier.Short(configDigest)}, rebuilt {AttachmentVerifier.Short(local.ID)}";
            if (index < 0)
                return $"{differs}; every layer is equal, the config differs at " +
                       (Differences(published, rebuiltConfig, "config").Take(3).ToList() is { Count: > 0 } fields ? string.Join("; ", fields) : "(formatting only)");
            var where = $"{differs}; layer {index + 1} of {publishedLayers.Count}";
            if (index >= publishedLayers.Count)
                return $"{where}: the rebuilt image has {rebuiltLayers.Count} layers, the published {publishedLayers.Count}";
            if (index >= rebuiltLayers.Count)
                return $"{where}: the rebuilt image has only {rebuiltLayers.Count} layers";
            var blob = await registry.GetRawAsync(repository, "blobs", manifest["layers"]![index]!["digest"]!.GetValue<string>(), ct) ?? [];
            await using var rebuilt = File.OpenRead(layerFiles[index]);
            var file = await LayerDiff.FirstDifferenceAsync(new MemoryStream(blob), rebuilt, ct);
            return $"{where} differs (diff_id {AttachmentVerifier.Short(publishedLayers[index])} vs {AttachmentVerifier.Short(rebuiltLayers[index])}): " +
                   (file is null ? "the same files, different tar bytes (entry order or headers)" : $"first differing file {file}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The image's config and its layer tars in order, from the engine's export (GET /images/{id}/get) unpacked into <paramref name="directory"/>.</summary>
    private async Task<(JsonNode Config, List<string> Layers)> ExportAsync(string image, string directory, CancellationToken ct)
    {
        var saved = Path.Combine(directory, "image.tar");
        // A file first: the tar reader's reads past an entry's end fail on the engine's chunked stream.
        await using (var export = await docker.Images.SaveImageAsync(image, ct))
        await using (var file = File.Create(saved))
            await export.CopyToAsync(file, ct);
        var extracted = Directory.CreateDirectory(Path.Combine(directory, "image")).FullName;
        await TarFile.ExtractToDirectoryAsync(saved, extracted, overwriteFiles: false, ct);
        File.Delete(saved);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(extracted, "manifest.json"), ct))!.AsArray()[0]!;
        var config = JsonNode.Parse(await File.ReadAllBytesAsync(Path.Combine(extracted, manifest["Config"]!.GetValue<string>()), ct))!;
        return (config, [.. manifest["Layers"]!.AsArray().Select(l => Path.Combine(extracted, l!.GetValue<string>()))]);
    }

    /// <summary>The paths of the values that differ between two JSON documents (depth first, keys in order), with both values.</summary>
    internal static IEnumerable<string> Differences(JsonNode? a, JsonNode? b, string path)
    {
        if (JsonNode.DeepEquals(a, b)) return [];
        if (a is JsonObject x && b is JsonObject y)
            return x.Select(p => p.Key).Union(y.Select(p => p.Key)).Order(StringComparer.Ordinal).SelectMany(key => Differences(x[key], y[key], $"{path}.{key}"));
        if (a is JsonArray m && b is JsonArray n)
            return Enumerable.Range(0, Math.Max(m.Count, n.Count)).SelectMany(i => Differences(i < m.Count ? m[i] : null, i < n.Count ? n[i] : null, $"{path}[{i}]"));
        return [$"{path}: published {a?.ToJsonString() ?? "(none)"}, rebuilt {b?.ToJsonString() ?? "(none)"}"];
    }
}
