using System.Formats.Tar;

namespace Images;

/// <summary>One file system entry of a layer; <see cref="Certificate"/> names a forbidden CA it contains.</summary>
internal sealed record LayerEntry(string Path, TarEntryType Kind, string? LinkTarget, int Layer, string? Certificate)
{
    public bool IsDirectory => Kind == TarEntryType.Directory;
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// The entries of one image layer plus its whiteouts (<c>.wh.name</c> deletes, <c>.wh..wh..opq</c> empties a
/// directory), so the layers can be merged into the file system a container would see.
/// </summary>
internal sealed class LayerIndex
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    public List<LayerEntry> Entries { get; } = [];
    public List<string> Whiteouts { get; } = [];
    public List<string> OpaqueDirectories { get; } = [];

    public static async Task<LayerIndex> ReadAsync(Stream layerTar, int layer, CertificateMatcher certificates, CancellationToken ct)
    {
        var index = new LayerIndex();
        var reader = new TarReader(layerTar);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            var path = Normalize(entry.Name);
            if (path.Length == 0 || entry.EntryType is TarEntryType.ExtendedAttributes or TarEntryType.GlobalExtendedAttributes)
                continue;
            var name = System.IO.Path.GetFileName(path);
            var dir = System.IO.Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
            if (name == OpaqueMarker)
            {
                index.OpaqueDirectories.Add(dir);
                continue;
            }
            if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                index.Whiteouts.Add(dir.Length == 0 ? name[WhiteoutPrefix.Length..] : $"{dir}/{name[WhiteoutPrefix.Length..]}");
                continue;
            }
            string? certificate = null;
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data &&
                CertificateMatcher.IsCandidate(path, entry.Length))
                certificate = await certificates.MatchAsync(data, ct);
            index.Entries.Add(new LayerEntry(path, entry.EntryType, entry.LinkName is { Length: > 0 } link ? link : null, layer, certificate));
        }
        return index;
    }

    /// <summary>Applies the layers in order, as overlayfs does, and returns the final file system by path.</summary>
    public static Dictionary<string, LayerEntry> Merge(IEnumerable<LayerIndex> layers)
    {
        var files = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var dir in layer.OpaqueDirectories)
                RemoveBelow(files, dir);
            foreach (var path in layer.Whiteouts)
            {
                files.Remove(path);
                RemoveBelow(files, path);
            }
            foreach (var entry in layer.Entries)
                files[entry.Path] = entry;
        }
        return files;
    }

    private static void RemoveBelow(Dictionary<string, LayerEntry> files, string dir)
    {
        var prefix = dir.Length == 0 ? "" : dir + "/";
        foreach (var key in files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k != dir).ToList())
            files.Remove(key);
    }

    internal static string Normalize(string name)
    {
        var path = name.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
            path = path[2..];
        return path.Trim('/');
    }
}
