using System.Formats.Tar;

namespace Images.Build;

/// <summary>
/// The files sent to <c>POST /build</c> as a tar stream: a directory filtered by its .dockerignore exactly as the
/// docker CLI does, or files held in memory, plus optional extra files on top.
/// </summary>
public sealed class BuildContext
{
    // Fixed timestamp for in-memory files so identical inputs produce identical tars (and cache hits).
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string? _directory;
    private readonly DockerIgnore _ignore;
    private readonly IReadOnlyList<ContextFile> _files;

    private BuildContext(string? directory, DockerIgnore ignore, IReadOnlyList<ContextFile> files, string dockerfile)
    {
        _directory = directory;
        _ignore = ignore;
        _files = files;
        Dockerfile = dockerfile;
    }

    /// <summary>The Dockerfile's path inside the context ('/'-separated).</summary>
    public string Dockerfile { get; }

    /// <summary>
    /// Uses <paramref name="directory"/> as the context, honouring its .dockerignore. The Dockerfile and the
    /// .dockerignore are sent even when a pattern matches them (as the docker CLI does).
    /// </summary>
    public static BuildContext FromDirectory(string directory, string dockerfile = "Dockerfile")
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Build context directory '{root}' does not exist.");
        var relative = Path.GetRelativePath(root, Path.GetFullPath(dockerfile, root)).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || !File.Exists(Path.Combine(root, relative)))
            throw new FileNotFoundException(
                $"Dockerfile '{dockerfile}' not found inside the build context '{root}'. Put it in the context or pass its path relative to it.");
        var ignore = DockerIgnore.Load(Path.Combine(root, ".dockerignore")).KeepingBuildFiles(relative);
        return new BuildContext(root, ignore, [], relative);
    }

    /// <summary>A context made only of the given files (no .dockerignore applies); for tests.</summary>
    internal static BuildContext FromFiles(IEnumerable<ContextFile> files, string dockerfile = "Dockerfile")
    {
        var list = files.ToList();
        if (!list.Any(f => Normalize(f.Path) == Normalize(dockerfile)))
            throw new ArgumentException($"The in-memory build context has no '{dockerfile}'.", nameof(files));
        return new BuildContext(null, DockerIgnore.Empty, list, Normalize(dockerfile));
    }

    /// <summary>What goes into the tar, in order: files and links as "a/b", directories as "a/".</summary>
    internal IReadOnlyList<string> ListEntries() =>
        Entries().Select(e => e.Kind == TarEntryType.Directory ? e.Name + "/" : e.Name).ToList();

    public async Task WriteTarAsync(Stream destination, CancellationToken ct = default)
    {
        await using var tar = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var entry in Entries())
        {
            ct.ThrowIfCancellationRequested();
            var tarEntry = new PaxTarEntry(entry.Kind, entry.Kind == TarEntryType.Directory ? entry.Name + "/" : entry.Name)
            {
                Mode = entry.Mode,
                ModificationTime = entry.Modified,
                // The CLI sends everything as root:root; ownership comes from the Dockerfile (COPY --chown).
                Uid = 0,
                Gid = 0,
            };
            if (entry.Kind == TarEntryType.SymbolicLink)
                tarEntry.LinkName = entry.LinkTarget!;
            // Zero-length entries are never opened: on disk they may be fifos or devices (a rootfs context), which would block.
            Stream? data = entry.Kind != TarEntryType.RegularFile ? null
                : entry.Content is { } bytes ? new MemoryStream(bytes, writable: false)
                : new FileInfo(entry.SourcePath!).Length == 0 ? null
                : File.OpenRead(entry.SourcePath!);
            await using (data)
            {
                if (data is not null)
                    tarEntry.DataStream = data;
                await tar.WriteEntryAsync(tarEntry, ct);
            }
        }
    }

    /// <summary>
    /// Adds what the tar carries that can change a build: each entry's path and kind, a file's executable bit (what
    /// git records of a mode) and content, a link's target. Never times, owners or the directory's own path: two
    /// clones of one commit, in different directories, add the same.
    /// </summary>
    public InputsHash AddTo(InputsHash hash)
    {
        foreach (var entry in Entries())
        {
            var value = entry.Kind switch
            {
                TarEntryType.Directory => "directory",
                TarEntryType.SymbolicLink => "link " + entry.LinkTarget,
                _ => ((entry.Mode & UnixFileMode.UserExecute) != 0 ? "x" : "-") + Convert.ToHexStringLower(ContentHash(entry)),
            };
            hash.Add(entry.Name, value);
        }
        return hash;
    }

    private static byte[] ContentHash(Entry entry)
    {
        if (entry.Content is { } bytes)
            return System.Security.Cryptography.SHA256.HashData(bytes);
        // As in WriteTarAsync: an empty entry is never opened (it may be a fifo).
        if (new FileInfo(entry.SourcePath!).Length == 0)
            return System.Security.Cryptography.SHA256.HashData([]);
        using var file = File.OpenRead(entry.SourcePath!);
        return System.Security.Cryptography.SHA256.HashData(file);
    }

    private IEnumerable<Entry> Entries()
    {
        var overlay = _files.Select(f => Normalize(f.Path)).ToHashSet(StringComparer.Ordinal);
        if (_directory is not null)
            foreach (var entry in Walk(_directory, ""))
                if (!overlay.Contains(entry.Name))
                    yield return entry;
        foreach (var file in _files)
            yield return new Entry(Normalize(file.Path), TarEntryType.RegularFile, file.Mode, FixedTime, null, file.Content, null);
    }

    /// <summary>The docker CLI's walk (archive.TarWithOptions): lexical order, excluded dirs skipped unless an exception may re-include below.</summary>
    private IEnumerable<Entry> Walk(string directory, string prefix)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = prefix + Path.GetFileName(path);
            var info = new FileInfo(path);
            var isLink = info.LinkTarget is not null;
            var isDir = !isLink && Directory.Exists(path);
            if (_ignore.IsExcluded(name))
            {
                if (isDir && _ignore.HasExceptions && _ignore.MayReincludeBelow(name))
                    foreach (var inner in Walk(path, name + "/"))
                        yield return inner;
                continue;
            }
            var mode = OperatingSystem.IsWindows() ? ContextFile.Regular : File.GetUnixFileMode(path);
            if (isLink)
                yield return new Entry(name, TarEntryType.SymbolicLink, mode, info.LastWriteTimeUtc, null, null, info.LinkTarget);
            else if (isDir)
            {
                yield return new Entry(name, TarEntryType.Directory, mode, Directory.GetLastWriteTimeUtc(path), null, null, null);
                foreach (var inner in Walk(path, name + "/"))
                    yield return inner;
            }
            else if (info.Exists)
                yield return new Entry(name, TarEntryType.RegularFile, mode, info.LastWriteTimeUtc, path, null, null);
            // Sockets, fifos and devices report no size and go in as empty files (see WriteTarAsync).
        }
    }

    private static string Normalize(string path) => GoPath.Clean(path.Replace('\\', '/')).TrimStart('/');

    private sealed record Entry(string Name, TarEntryType Kind, UnixFileMode Mode, DateTimeOffset Modified,
        string? SourcePath, byte[]? Content, string? LinkTarget);
}
