using Images.Platforms;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Images.Assembly;

/// <summary>What to assemble: the engine's image of the Dockerfile's final stage, its base, and what fixes the bytes.</summary>
public sealed record AssemblyRequest
{
    /// <summary>The engine's build of the final stage (its layers after the base's are merged; its config is copied).</summary>
    public required string BuiltImage { get; init; }
    /// <summary>The final stage's FROM image: its layers and history are kept as they are.</summary>
    public required string BaseImage { get; init; }
    public required ImagePlatform Platform { get; init; }
    /// <summary>The time every added file, the config and the final stage's history carry (SOURCE_DATE_EPOCH: the commit time).</summary>
    public required DateTimeOffset SourceDate { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string LayerCreatedBy { get; init; } = "COPY --from=build /out/ /";
    /// <summary>Where an assembly is remembered per built image and inputs (e.g. .nuke/temp/assembly): a no-op build loads nothing.</summary>
    public string? CacheDirectory { get; init; }
}

/// <summary>The assembled image: its id (sha256 of its config) and the one layer it added.</summary>
public sealed record AssembledImage(string ImageId, string LayerDiffId, bool FromCache, TimeSpan Duration);

/// <summary>
/// Makes the app image reproducible, as ko, Jib and the .NET SDK's container support do: the engine builds the
/// Dockerfile as written; this takes the base image's layers as they are, the final stage's files as ONE normalised
/// layer (<see cref="LayerNormalizer"/>) and its declared config with times from the source date
/// (<see cref="ImageConfigWriter"/>), writes a docker-archive and loads it (POST /images/load). The image id is the
/// sha256 of the config, which names the layers by content: same commit, same base images → same id.
/// </summary>
public static class ImageAssembler
{
    public static async Task<AssembledImage> AssembleAsync(IDockerClient docker, AssemblyRequest request, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var baseImage = await docker.Images.InspectImageAsync(request.BaseImage, ct);
        var stamp = request.CacheDirectory is null ? null : Path.Combine(request.CacheDirectory, CacheKey(request, baseImage.ID) + ".assembled");
        if (stamp is not null && File.Exists(stamp) && (await File.ReadAllTextAsync(stamp, ct)).Split(' ') is [var cachedId, var cachedLayer]
            && await docker.TryInspectImageAsync(cachedId, ct) is not null)
        {
            foreach (var tag in request.Tags)
                await docker.TagAsync(cachedId, tag, ct);
            return new AssembledImage(cachedId, cachedLayer, FromCache: true, clock.Elapsed);
        }

        var work = Directory.CreateTempSubdirectory("creditrobot-assembly-");
        try
        {
            // Copied to a file first: the tar reader's reads past an entry's end fail on the engine's chunked stream.
            var saved = Path.Combine(work.FullName, "built.tar");
            await using (var export = await docker.Images.SaveImageAsync(request.BuiltImage, ct))
            await using (var file = File.Create(saved))
                await export.CopyToAsync(file, ct);
            var extracted = work.CreateSubdirectory("built").FullName;
            await TarFile.ExtractToDirectoryAsync(saved, extracted, overwriteFiles: false, ct);
            File.Delete(saved);
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(extracted, "manifest.json"), ct))!.AsArray()[0]!;
            var builtLayers = manifest["Layers"]!.AsArray().Select(l => Path.Combine(extracted, l!.GetValue<string>())).ToList();
            var built = JsonNode.Parse(await File.ReadAllBytesAsync(Path.Combine(extracted, manifest["Config"]!.GetValue<string>()), ct))!.AsObject();

            var baseLayers = baseImage.RootFS?.Layers ?? [];
            var builtDiffIds = built["rootfs"]?["diff_ids"]?.AsArray().Select(d => d!.GetValue<string>()).ToList() ?? [];
            if (!builtDiffIds.Take(baseLayers.Count).SequenceEqual(baseLayers) || builtDiffIds.Count <= baseLayers.Count)
                throw new ImagesException($"{DockerImages.ShortId(request.BuiltImage)} does not add layers on top of {request.BaseImage}: " +
                                          "the Dockerfile's final stage must be FROM the runtime base it is given.");
            var baseHistory = (await docker.Images.GetImageHistoryAsync(baseImage.ID, ct)).Count;

            var layer = await LayerNormalizer.WriteAsync(builtLayers.Skip(baseLayers.Count).ToList(),
                Path.Combine(work.FullName, "app-layer.tar"), request.SourceDate, ct);
            var config = ImageConfigWriter.Write(built, baseLayers.Count, baseHistory, layer, request.Platform, request.SourceDate, request.LayerCreatedBy);
            var id = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config));

            var archive = Path.Combine(work.FullName, "assembled.tar");
            await WriteArchiveAsync(archive, config, id, [.. builtLayers.Take(baseLayers.Count), layer.Path], request.Tags, ct);
            await LoadAsync(docker, archive, ct);
            var loaded = await docker.Images.InspectImageAsync(id, ct);
            if (stamp is not null)
            {
                Directory.CreateDirectory(request.CacheDirectory!);
                await File.WriteAllTextAsync(stamp, $"{loaded.ID} {layer.DiffId}", ct);
            }
            return new AssembledImage(loaded.ID, layer.DiffId, FromCache: false, clock.Elapsed);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>A docker-archive (what <c>docker save</c> writes and <c>docker load</c> reads): manifest.json, the config, the layers.</summary>
    private static async Task WriteArchiveAsync(string path, byte[] config, string id, IReadOnlyList<string> layers, IReadOnlyList<string> tags,
        CancellationToken ct)
    {
        var configName = id["sha256:".Length..] + ".json";
        var layerNames = layers.Select((_, i) => $"layer-{i}.tar").ToList();
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = tags.Count == 0 ? null : new JsonArray([.. tags.Select(t => JsonValue.Create(t))]),
            ["Layers"] = new JsonArray([.. layerNames.Select(n => JsonValue.Create(n))]),
        });
        await using var file = File.Create(path);
        await using var writer = new TarWriter(file, TarEntryFormat.Ustar, leaveOpen: false);
        await WriteBytesAsync(writer, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest), ct);
        await WriteBytesAsync(writer, configName, config, ct);
        for (var i = 0; i < layers.Count; i++)
        {
            await using var layer = File.OpenRead(layers[i]); // a symlink in docker save's output resolves here
            await writer.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, layerNames[i]) { DataStream = layer, Mode = Mode }, ct);
        }
    }

    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static Task WriteBytesAsync(TarWriter writer, string name, byte[] content, CancellationToken ct) =>
        writer.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = Mode }, ct);

    private static async Task LoadAsync(IDockerClient docker, string archive, CancellationToken ct)
    {
        string? error = null;
        await using var body = File.OpenRead(archive);
        await docker.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, body,
            new Progress<JSONMessage>(m => error ??= m.Error?.Message), ct);
        if (error is not null)
            throw new ImagesException($"The engine refused the assembled image: {error}");
    }

    private static string CacheKey(AssemblyRequest request, string baseId) =>
        new InputsHash().Add("built", request.BuiltImage).Add("base", baseId).Add("platform", request.Platform.ToString())
            .Add("date", request.SourceDate.ToUnixTimeSeconds().ToString()).Add("created-by", request.LayerCreatedBy)
            .Add("format", "1").Value[..32];
}
