using System.Formats.Tar;
using System.Security.Cryptography;

namespace Images.Assembly;

/// <summary>A layer tar written by <see cref="LayerNormalizer"/>: its file and its diff_id (sha256 of the uncompressed tar).</summary>
public sealed record NormalizedLayer(string Path, string DiffId, int Entries, long Bytes);

/// <summary>
/// Merges the layers the final stage added into ONE layer whose bytes depend only on the files: entries in ordinal
/// path order, every modification time set to the source date, owner names dropped (numeric owners and modes kept, as
/// the Dockerfile declared them), ustar headers with no access or change times. Two builds of the same files give the
/// same tar, so the same diff_id, whatever the clock, host or build order said.
/// </summary>
public static class LayerNormalizer
{
    /// <summary>Reads <paramref name="layers"/> in order (a later entry replaces an earlier one at the same path) and writes the merged layer.</summary>
    public static async Task<NormalizedLayer> WriteAsync(IReadOnlyList<string> layers, string outputPath, DateTimeOffset sourceDate,
        CancellationToken ct = default)
    {
        var merged = new SortedDictionary<string, TarEntry>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            await using var file = File.OpenRead(layer);
            await using var reader = new TarReader(file);
            while (await reader.GetNextEntryAsync(copyData: true, ct) is { } entry)
            {
                if (entry.EntryType is TarEntryType.ExtendedAttributes or TarEntryType.GlobalExtendedAttributes)
                    continue;
                var path = Normalize(entry.Name);
                if (path.Length == 0)
                    continue;
                var name = System.IO.Path.GetFileName(path);
                if (name.StartsWith(".wh.", StringComparison.Ordinal))
                    throw new ImagesException($"The final stage deletes '{path[..^name.Length]}{name[4..]}' (a whiteout in its layer): the image " +
                                              "assembly merges only steps that add files (COPY, WORKDIR); delete it in the build stage instead.");
                merged[path] = entry;
            }
        }

        var epoch = DateTimeOffset.FromUnixTimeSeconds(sourceDate.ToUnixTimeSeconds());
        await using (var output = File.Create(outputPath))
        await using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: false))
        {
            foreach (var (path, source) in merged)
                await writer.WriteEntryAsync(Copy(path, source, epoch), ct);
        }
        await using var written = File.OpenRead(outputPath);
        var digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(written, ct));
        return new NormalizedLayer(outputPath, digest, merged.Count, written.Length);
    }

    private static UstarTarEntry Copy(string path, TarEntry source, DateTimeOffset epoch)
    {
        var type = source.EntryType switch
        {
            TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => TarEntryType.RegularFile,
            var t => t,
        };
        if (path.Length > 255)
            throw new ImagesException($"'{path}' is longer than 255 characters, more than a ustar layer entry holds.");
        var entry = new UstarTarEntry(type, type == TarEntryType.Directory ? path + "/" : path)
        {
            Mode = source.Mode,
            Uid = source.Uid,
            Gid = source.Gid,
            ModificationTime = epoch,
        };
        if (source is PosixTarEntry { } posix && type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            entry.DeviceMajor = posix.DeviceMajor;
            entry.DeviceMinor = posix.DeviceMinor;
        }
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            entry.LinkName = type == TarEntryType.HardLink ? Normalize(source.LinkName) : source.LinkName;
        if (type == TarEntryType.RegularFile && source.DataStream is { } data)
        {
            data.Position = 0;
            entry.DataStream = data;
        }
        return entry;
    }

    /// <summary>A layer path without a leading <c>./</c> or <c>/</c> and without a trailing slash.</summary>
    private static string Normalize(string name)
    {
        var path = name.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
            path = path[2..];
        return path.Trim('/');
    }
}
