using Microsoft.VisualStudio.SolutionPersistence.Serializer;

namespace TypedBuild;

/// <summary>
/// The project directories a solution lists (<c>.slnx</c> or classic <c>.sln</c>, read by Visual Studio's own
/// serializer), so a target can build what the solution forgets: <c>await SolutionFile.UnlistedAsync(Solution, TestProjects, ct)</c>.
/// </summary>
public static class SolutionFile
{
    public static async Task<IReadOnlySet<AbsolutePath>> ProjectDirectoriesAsync(AbsolutePath solution, CancellationToken cancellationToken = default)
    {
        var serializer = SolutionSerializers.GetSerializerByMoniker(solution)
                         ?? throw new BuildException($"{solution.Name} is not a solution file (expected .sln or .slnx).");
        var model = await serializer.OpenAsync(solution, cancellationToken);
        var directory = Path.GetDirectoryName((string)solution)!;
        return model.SolutionProjects
            .Select(p => AbsolutePath.Create(Path.GetDirectoryName(p.FilePath.Replace('\\', '/'))!, directory))
            .ToHashSet();
    }

    /// <summary>The <paramref name="projectDirectories"/> the solution does not list, in their order.</summary>
    public static async Task<IReadOnlyList<AbsolutePath>> UnlistedAsync(AbsolutePath solution, IEnumerable<AbsolutePath> projectDirectories,
        CancellationToken cancellationToken = default)
    {
        var listed = await ProjectDirectoriesAsync(solution, cancellationToken);
        return projectDirectories.Where(p => !listed.Contains(p)).ToList();
    }
}
