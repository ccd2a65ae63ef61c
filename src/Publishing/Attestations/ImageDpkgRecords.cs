using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;
using Docker.DotNet;

namespace Publishing.Attestations;

/// <summary>
/// Reads an image's dpkg records (<c>var/lib/dpkg/status</c> and <c>var/lib/dpkg/status.d/*</c>) from its own layers
/// (GET /images/{id}/get): nothing is started, and a later layer's file replaces an earlier one's, as in the container.
/// </summary>
public static class ImageDpkgRecords
{
    public static async Task<IReadOnlyList<SbomComponent>> ReadAsync(IDockerClient docker, string image, CancellationToken ct = default)
    {
        var saved = Path.Combine(Path.GetTempPath(), $"creditrobot-sbom-{Guid.NewGuid():N}.tar");
        try
        {
            // A file first: `docker save` writes manifest.json last, and the tar reader fails on the engine's chunked stream.
            await using (var export = await docker.Images.SaveImageAsync(image, ct))
            await using (var file = File.Create(saved))
                await export.CopyToAsync(file, ct);
            var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            string[] layers = [];
            await using (var archive = File.OpenRead(saved))
            await using (var reader = new TarReader(archive))
            {
                while (await reader.GetNextEntryAsync(copyData: true, ct) is { } entry)
                {
                    if (entry.DataStream is null) continue;
                    using var buffer = new MemoryStream();
                    await entry.DataStream.CopyToAsync(buffer, ct);
                    if (entry.Name == "manifest.json")
                        layers = [.. JsonNode.Parse(buffer.ToArray())!.AsArray()[0]!["Layers"]!.AsArray().Select(l => l!.GetValue<string>())];
                    else if (entry.Name.EndsWith(".tar", StringComparison.Ordinal) || entry.Name.EndsWith("/layer.tar", StringComparison.Ordinal))
                        blobs[entry.Name] = buffer.ToArray();
                }
            }
            var records = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var layer in layers)
                await CollectAsync(blobs.GetValueOrDefault(layer) ?? throw new AttestationException($"{image}: its export lacks layer {layer}."), records, ct);
            return DebianPackages.Parse(records.Values);
        }
        finally
        {
            File.Delete(saved);
        }
    }

    private static async Task CollectAsync(byte[] layer, SortedDictionary<string, string> records, CancellationToken ct)
    {
        await using var reader = new TarReader(new MemoryStream(layer));
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            var path = entry.Name.TrimStart('.', '/');
            var name = Path.GetFileName(path);
            if (name.StartsWith(".wh.", StringComparison.Ordinal))
            {
                records.Remove(path[..^name.Length] + name[4..]);
                continue;
            }
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                continue;
            if (path == "var/lib/dpkg/status" || path.StartsWith("var/lib/dpkg/status.d/", StringComparison.Ordinal) && !path.EndsWith(".md5sums", StringComparison.Ordinal))
                records[path] = await new StreamReader(entry.DataStream, Encoding.UTF8).ReadToEndAsync(ct);
        }
    }
}
