using System.Formats.Tar;

namespace Images;

/// <summary>
/// Writes a directory tree into a tar without following symlinks, keeping modes, owners, symlinks and device
/// nodes as they are on disk (what a root filesystem needs). Parents come before children; order is ordinal.
/// </summary>
internal static class TarTree
{
    public static async Task WriteAsync(TarWriter writer, string root, string prefix, Func<string, bool> skip, CancellationToken ct)
    {
        prefix = prefix.Trim('/');
        if (prefix.Length > 0)
            await writer.WriteEntryAsync(root, prefix + "/", ct);
        await WriteChildrenAsync(writer, new DirectoryInfo(root), "", prefix, skip, ct);
    }

    private static async Task WriteChildrenAsync(TarWriter writer, DirectoryInfo directory, string relative, string prefix,
        Func<string, bool> skip, CancellationToken ct)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            var path = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
            if (skip(path))
                continue;
            var isRealDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
            var name = prefix.Length == 0 ? path : $"{prefix}/{path}";
            await writer.WriteEntryAsync(entry.FullName, isRealDirectory ? name + "/" : name, ct);
            if (isRealDirectory)
                await WriteChildrenAsync(writer, (DirectoryInfo)entry, path, prefix, skip, ct);
        }
    }

    /// <summary>Writes <paramref name="root"/> to a tar file (atomically: temp file, then rename).</summary>
    public static async Task CreateFileAsync(string root, string tarPath, Func<string, bool> skip, CancellationToken ct)
    {
        var temp = $"{tarPath}.partial-{Environment.ProcessId}";
        await using (var file = File.Create(temp))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: false))
            await WriteChildrenAsync(writer, new DirectoryInfo(root), "", "", skip, ct);
        File.Move(temp, tarPath, overwrite: true);
    }
}
