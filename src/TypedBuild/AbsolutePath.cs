namespace TypedBuild;

/// <summary>A normalized absolute path; <c>RootDirectory / "src" / "App"</c> combines segments.</summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private readonly string _path;

    private AbsolutePath(string path) => _path = path;

    /// <summary>Creates a path; a relative path is resolved against <paramref name="baseDirectory"/>
    /// (the current directory when null).</summary>
    public static AbsolutePath Create(string path, string? baseDirectory = null)
    {
        var full = Path.IsPathRooted(path)
            ? Path.GetFullPath(path)
            : Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory());
        var root = Path.GetPathRoot(full) ?? "";
        return new AbsolutePath(full.Length > root.Length ? full.TrimEnd(Path.DirectorySeparatorChar) : full);
    }

    public static AbsolutePath operator /(AbsolutePath left, string right) =>
        Create(Path.Combine(left._path, right));

    public static implicit operator string(AbsolutePath path) => path._path;

    public string Name => Path.GetFileName(_path);

    public AbsolutePath? Parent =>
        Path.GetDirectoryName(_path) is { } parent ? new AbsolutePath(parent) : null;

    public bool FileExists() => File.Exists(_path);

    public bool DirectoryExists() => Directory.Exists(_path);

    public AbsolutePath CreateDirectory()
    {
        Directory.CreateDirectory(_path);
        return this;
    }

    /// <summary>Deletes the directory and everything below it; no error when it is absent.</summary>
    public void DeleteDirectory()
    {
        if (Directory.Exists(_path))
            Directory.Delete(_path, recursive: true);
    }

    /// <summary>Direct children matching a simple wildcard (<c>*.Tests</c>), sorted ordinally.</summary>
    public IReadOnlyList<AbsolutePath> GlobDirectories(string pattern) =>
        DirectoryExists()
            ? Directory.GetDirectories(_path, pattern).Order(StringComparer.Ordinal).Select(p => new AbsolutePath(p)).ToList()
            : [];

    /// <summary>Direct child files matching a simple wildcard (<c>*.trx</c>), sorted ordinally.</summary>
    public IReadOnlyList<AbsolutePath> GlobFiles(string pattern) =>
        DirectoryExists()
            ? Directory.GetFiles(_path, pattern).Order(StringComparer.Ordinal).Select(p => new AbsolutePath(p)).ToList()
            : [];

    /// <summary>This path relative to <paramref name="basePath"/>, with forward slashes.</summary>
    public string RelativeTo(AbsolutePath basePath) =>
        Path.GetRelativePath(basePath._path, _path).Replace('\\', '/');

    public override string ToString() => _path;

    public bool Equals(AbsolutePath? other) => other is not null && string.Equals(_path, other._path, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is AbsolutePath other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_path);
}
