using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace TypedBuild;

/// <summary>
/// What a project's build reads: its directory and those of the projects it references (transitively), and every
/// Directory.Build.*, Directory.Packages.props, global.json and nuget.config above them, without bin/ and obj/.
/// <see cref="Fingerprint"/> is their paths, sizes and modification times: when it equals what the last successful
/// build recorded, the build can be skipped. MSBuild reaches the same verdict, but only after evaluating every project
/// (5 s for tests/SmokeTests and its 7 references on 2 cores); build.sh checks build/ the same way.
/// </summary>
public sealed class ProjectInputs
{
    private static readonly string[] SharedFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nuget.config"];

    private readonly AbsolutePath _root;
    private readonly bool _unresolved;

    private ProjectInputs(AbsolutePath root, IReadOnlyList<AbsolutePath> directories, bool unresolved) =>
        (_root, Directories, _unresolved) = (root, directories, unresolved);

    /// <summary>The project directory and its references' directories, in the order found.</summary>
    public IReadOnlyList<AbsolutePath> Directories { get; }

    /// <summary>
    /// The inputs of <paramref name="project"/> (a directory holding one .csproj), shared files up to <paramref name="root"/>.
    /// References come from the .csproj and from the Directory.Build.* files above it (conditions ignored: more inputs
    /// only mean more builds); one whose path uses another MSBuild property than $(MSBuildThisFileDirectory) cannot be
    /// followed, and then no fingerprint ever matches.
    /// </summary>
    public static ProjectInputs Of(AbsolutePath project, AbsolutePath root)
    {
        var (found, unresolved) = (new List<AbsolutePath>(), false);
        var queue = new Queue<AbsolutePath>([project]);
        while (queue.TryDequeue(out var directory))
        {
            if (found.Contains(directory))
                continue;
            found.Add(directory);
            var files = directory.GlobFiles("*.csproj").Concat(SharedFilesAbove(directory, root).Where(f => f.Name.StartsWith("Directory.Build.", StringComparison.Ordinal)));
            foreach (var file in files)
                foreach (var reference in XDocument.Load(file).Descendants("ProjectReference"))
                {
                    var fileDirectory = Path.GetDirectoryName((string)file)!;
                    var include = reference.Attribute("Include")?.Value.Replace("$(MSBuildThisFileDirectory)", fileDirectory + "/").Replace('\\', '/');
                    if (include is null || include.Contains("$(", StringComparison.Ordinal))
                        unresolved = true;
                    else
                        queue.Enqueue(AbsolutePath.Create(Path.GetDirectoryName(Path.GetFullPath(include, fileDirectory))!));
                }
        }
        return new ProjectInputs(root, found, unresolved);
    }

    /// <summary>A hash of every input's path, size and modification time, and of <paramref name="settings"/> (configuration, SDK).</summary>
    public string Fingerprint(params string[] settings)
    {
        var lines = new List<string>(settings);
        if (_unresolved)
            lines.Add(Guid.NewGuid().ToString()); // a reference that could not be followed: never skip
        foreach (var directory in Directories)
            lines.AddRange(Files(directory).Select(Describe));
        foreach (var shared in Directories.SelectMany(d => SharedFilesAbove(d, _root)).Distinct())
            lines.Add(Describe(shared));
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    private static IEnumerable<string> Files(string directory) =>
        Directory.EnumerateFiles(directory).Concat(Directory.EnumerateDirectories(directory)
            .Where(d => Path.GetFileName(d) is not ("bin" or "obj"))
            .SelectMany(Files));

    private static IEnumerable<AbsolutePath> SharedFilesAbove(AbsolutePath directory, AbsolutePath root)
    {
        for (AbsolutePath? d = directory; d is not null && ((string)d).StartsWith(root, StringComparison.Ordinal); d = d.Parent)
            foreach (var name in SharedFiles)
                if ((d / name).FileExists())
                    yield return d / name;
    }

    private static string Describe(string file)
    {
        var info = new FileInfo(file);
        return $"{file}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}";
    }
}
