using System.Xml.Linq;

namespace Testing.Tests;

/// <summary>
/// The house rules of the project graph, read from the .csproj files (and the Directory.Build.props above them) as
/// MSBuild XML: references point one way (nothing outside tests/ references a project under tests/; src/ only src/;
/// bench/ only src/; fuzz/ only src/; build/ only src/ and bench/; tests/ not build/), and no project compiles a file outside its own folder.
/// </summary>
public sealed class ProjectReferencesTests
{
    [Fact]
    public void References_point_one_way_and_no_project_compiles_a_file_outside_its_folder()
    {
        var projects = Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !IsGenerated(p)).ToList();

        projects.Should().Contain(p => p.EndsWith("_build.csproj", StringComparison.Ordinal), "the scan must see the build project");
        Violations(RepositoryRoot.Path, projects).Should().BeEmpty();
    }

    [Fact]
    public void The_check_names_a_src_project_that_references_tests_and_a_linked_source_file()
    {
        var root = Directory.CreateTempSubdirectory("project-graph-").FullName;
        try
        {
            var helper = Write(root, "tests/Helpers/Helpers.csproj", "");
            var library = Write(root, "src/Library/Library.csproj", """
                <ItemGroup>
                  <ProjectReference Include="../../tests/Helpers/Helpers.csproj" />
                  <Compile Include="../Shared.cs" Link="Shared.cs" />
                </ItemGroup>
                """);
            var tool = Write(root, "bench/Tool/Tool.csproj", """<ItemGroup><ProjectReference Include="../../src/Library/Library.csproj" /></ItemGroup>""");
            Write(root, "src/Directory.Build.props", """<ItemGroup><ProjectReference Include="$(MSBuildThisFileDirectory)../tests/Helpers/Helpers.csproj" /></ItemGroup>""");

            Violations(root, [helper, library, tool]).Should().BeEquivalentTo(
                "src/Library/Library.csproj references tests/Helpers/Helpers.csproj (src/ may reference src/ only)",
                "src/Library/Library.csproj compiles src/Shared.cs, outside its folder src/Library",
                "src/Library/Library.csproj references tests/Helpers/Helpers.csproj (src/ may reference src/ only) [from src/Directory.Build.props]");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Which top-level folders a project in each top-level folder may reference.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["src"] = ["src"],
        ["bench"] = ["src", "bench"],
        ["build"] = ["src", "bench"],
        // fuzz/ is afl-fuzz's harness program (as bench/ is the benchmark's); tests/Fuzz.Tests replays its inputs.
        ["fuzz"] = ["src"],
        // Tests may use the programs' libraries they test or share facts with (the arm64 smoke test compares the
        // benchmark's quote inputs); nothing points back into tests/.
        ["tests"] = ["src", "tests", "fuzz", "bench"],
    };

    private static List<string> Violations(string root, IEnumerable<string> projects)
    {
        var violations = new List<string>();
        foreach (var project in projects)
        {
            var name = Relative(root, project);
            var area = name.Split('/')[0];
            var folder = Path.GetDirectoryName(project)!;
            foreach (var (kind, path, origin) in Items(root, project))
            {
                var target = Relative(root, path);
                var from = origin == project ? "" : $" [from {Relative(root, origin)}]";
                if (kind == "ProjectReference" && !Allowed.GetValueOrDefault(area, []).Contains(target.Split('/')[0]))
                    violations.Add($"{name} references {target} ({area}/ may reference {string.Join(" and ", Allowed.GetValueOrDefault(area, []).Select(a => a + "/"))} only){from}");
                if (kind == "Compile" && !path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    violations.Add($"{name} compiles {target}, outside its folder {Relative(root, folder)}{from}");
            }
        }
        return violations;
    }

    /// <summary>ProjectReference and Compile items of the project and of every Directory.Build.props above it, as full paths.</summary>
    private static IEnumerable<(string Kind, string Path, string Origin)> Items(string root, string project)
    {
        var files = new List<string> { project };
        for (var dir = Path.GetDirectoryName(project); dir is not null && dir.Length >= root.Length; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Directory.Build.props")))
                files.Add(Path.Combine(dir, "Directory.Build.props"));
        foreach (var file in files)
        {
            var directory = Path.GetDirectoryName(file)! + Path.DirectorySeparatorChar;
            foreach (var item in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "Compile"))
            {
                if (item.Attribute("Include")?.Value is not { } include) continue;
                var relative = include.Replace("$(MSBuildThisFileDirectory)", "").Replace('\\', '/');
                yield return (item.Name.LocalName, Path.GetFullPath(Path.Combine(directory, relative)), file);
            }
        }
    }

    /// <summary>Build output, and the build's scratch .nuke/temp (Verify's clones, the benchmark's checkout of an older commit).</summary>
    private static bool IsGenerated(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or ".git")
        || Relative(RepositoryRoot.Path, path).StartsWith(".nuke/temp/", StringComparison.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string Write(string root, string relative, string items)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, path.EndsWith(".props", StringComparison.Ordinal) ? $"<Project>{items}</Project>" : $"<Project Sdk=\"Microsoft.NET.Sdk\">{items}</Project>");
        return path;
    }
}
