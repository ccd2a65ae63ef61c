using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Publishing.Verification;

/// <summary>
/// The first file that differs between two layer tars (a published blob, gzip or plain, and a rebuilt layer): entries
/// compared by path in ordinal order on type, mode, owner, modification time, link target and content hash.
/// </summary>
public static class LayerDiff
{
    private sealed record Entry(TarEntryType Type, UnixFileMode Mode, int Uid, int Gid, DateTimeOffset Modified, string LinkName, long Length, string Sha256);

    /// <summary>Both streams must be seekable (a blob in memory, a file). "path: what differs (published … , rebuilt …)", or null when both layers hold the same entries.</summary>
    public static async Task<string?> FirstDifferenceAsync(Stream published, Stream rebuilt, CancellationToken ct = default)
    {
        var (left, right) = (await EntriesAsync(published, ct), await EntriesAsync(rebuilt, ct));
        foreach (var path in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            var (a, b) = (left.GetValueOrDefault(path), right.GetValueOrDefault(path));
            if (a is null) return $"/{path}: only in the rebuilt layer";
            if (b is null) return $"/{path}: only in the published layer";
            if (a == b) continue;
            var what =
                a.Type != b.Type ? $"type {a.Type} vs {b.Type}" :
                a.Sha256 != b.Sha256 ? $"content (sha256 {a.Sha256[..12]}, {a.Length} bytes vs {b.Sha256[..12]}, {b.Length} bytes)" :
                a.Mode != b.Mode ? $"mode {Octal(a.Mode)} vs {Octal(b.Mode)}" :
                a.Uid != b.Uid || a.Gid != b.Gid ? $"owner {a.Uid}:{a.Gid} vs {b.Uid}:{b.Gid}" :
                a.Modified != b.Modified ? $"modification time {a.Modified:u} vs {b.Modified:u}" :
                $"link target '{a.LinkName}' vs '{b.LinkName}'";
            return $"/{path}: {what} (published vs rebuilt)";
        }
        return null;
    }

    private static async Task<SortedDictionary<string, Entry>> EntriesAsync(Stream layer, CancellationToken ct)
    {
        // A registry blob is usually gzip (the engine compresses on push); a rebuilt layer from the engine's export is plain.
        var magic = new byte[2];
        var read = await layer.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, ct);
        layer.Position -= read;
        Stream tar = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(layer, CompressionMode.Decompress, leaveOpen: true) : layer;
        var entries = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            var path = entry.Name.TrimStart('.').Trim('/');
            if (path.Length == 0) continue;
            var hash = entry.DataStream is { } data ? Convert.ToHexStringLower(await SHA256.HashDataAsync(data, ct)) : new string('0', 64);
            entries[path] = new Entry(entry.EntryType == TarEntryType.V7RegularFile ? TarEntryType.RegularFile : entry.EntryType, entry.Mode,
                entry.Uid, entry.Gid, entry.ModificationTime, entry.LinkName, entry.Length, hash);
        }
        return entries;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
