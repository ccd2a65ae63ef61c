using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TypedBuild;

/// <summary>
/// The project directories a solution lists (<c>.slnx</c> XML or classic <c>.sln</c>), so a target can build
/// what the solution forgets: <c>SolutionFile.Unlisted(Solution, TestProjects)</c>.
/// </summary>
public static partial class SolutionFile
{
    public static IReadOnlySet<AbsolutePath> ProjectDirectories(AbsolutePath solution)
    {
        var directory = Path.GetDirectoryName((string)solution)!;
        IEnumerable<string> paths = solution.Name.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            ? XDocument.Load(solution).Descendants("Project").Select(p => (string?)p.Attribute("Path")).OfType<string>()
            : SlnProject().Matches(File.ReadAllText(solution)).Select(m => m.Groups[1].Value);
        return paths.Select(p => AbsolutePath.Create(Path.GetDirectoryName(p.Replace('\\', '/'))!, directory)).ToHashSet();
    }

    /// <summary>The <paramref name="projectDirectories"/> the solution does not list, in their order.</summary>
    public static IReadOnlyList<AbsolutePath> Unlisted(AbsolutePath solution, IEnumerable<AbsolutePath> projectDirectories)
    {
        var listed = ProjectDirectories(solution);
        return projectDirectories.Where(p => !listed.Contains(p)).ToList();
    }

    // Project("{GUID}") = "Name", "path\to\Name.csproj", "{GUID}"
    [GeneratedRegex(@"^Project\(""[^""]*""\)\s*=\s*""[^""]*"",\s*""([^""]+\.\w+proj)""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
