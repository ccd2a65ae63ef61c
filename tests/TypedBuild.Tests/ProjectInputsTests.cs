using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

/// <summary>What CompileSmokeTests compares to skip a build whose inputs did not change.</summary>
public sealed class ProjectInputsTests
{
    [Fact]
    public void References_from_the_project_and_from_Directory_Build_props_are_followed()
    {
        var root = Repository();

        ProjectInputs.Of(root / "tests" / "Smoke", root).Directories.Should().BeEquivalentTo([
            root / "tests" / "Smoke", root / "src" / "Lib", root / "src" / "Leaf", root / "tests" / "Shared",
        ]);
    }

    [Fact]
    public void A_changed_source_or_shared_file_changes_the_fingerprint_and_build_output_does_not()
    {
        var root = Repository();
        var inputs = ProjectInputs.Of(root / "tests" / "Smoke", root);
        var before = inputs.Fingerprint("Debug");

        Directory.CreateDirectory(root / "src" / "Lib" / "obj");
        File.WriteAllText(root / "src" / "Lib" / "obj" / "project.assets.json", "{}");
        Directory.CreateDirectory(root / "src" / "Lib" / "bin");
        File.WriteAllText(root / "src" / "Lib" / "bin" / "Lib.dll", "x");
        inputs.Fingerprint("Debug").Should().Be(before, "bin/ and obj/ are what the build writes, not what it reads");
        inputs.Fingerprint("Release").Should().NotBe(before, "another configuration is another build");

        File.AppendAllText(root / "src" / "Leaf" / "Leaf.cs", "// edited\n");
        var edited = inputs.Fingerprint("Debug");
        edited.Should().NotBe(before, "a transitive reference's source changed");

        File.AppendAllText(root / "Directory.Packages.props", "<!-- another version -->\n");
        inputs.Fingerprint("Debug").Should().NotBe(edited, "a shared props file changed");
    }

    [Fact]
    public void A_reference_through_another_MSBuild_property_is_never_up_to_date()
    {
        var root = Repository();
        File.WriteAllText(root / "src" / "Leaf" / "Leaf.csproj", """<Project><ItemGroup><ProjectReference Include="$(SomeRoot)/X/X.csproj" /></ItemGroup></Project>""");
        var inputs = ProjectInputs.Of(root / "tests" / "Smoke", root);

        inputs.Fingerprint("Debug").Should().NotBe(inputs.Fingerprint("Debug"));
    }

    /// <summary>tests/Smoke → src/Lib → src/Leaf, and tests/Directory.Build.props adds tests/Shared to every test project.</summary>
    private static AbsolutePath Repository()
    {
        var root = AbsolutePath.Create(TempDirectory.Create());
        void Project(string path, string references)
        {
            Directory.CreateDirectory(Path.GetDirectoryName((string)(root / path))!);
            File.WriteAllText(root / path, $"<Project><ItemGroup>{references}</ItemGroup></Project>");
            File.WriteAllText(Path.ChangeExtension((string)(root / path), ".cs"), "class C {}\n");
        }
        Project("tests/Smoke/Smoke.csproj", """<ProjectReference Include="..\..\src\Lib\Lib.csproj" />""");
        Project("src/Lib/Lib.csproj", """<ProjectReference Include="../Leaf/Leaf.csproj" />""");
        Project("src/Leaf/Leaf.csproj", "");
        Project("tests/Shared/Shared.csproj", "");
        File.WriteAllText(root / "tests" / "Directory.Build.props",
            """<Project><ItemGroup Condition="'$(MSBuildProjectName)' != 'Shared'"><ProjectReference Include="$(MSBuildThisFileDirectory)Shared/Shared.csproj" /></ItemGroup></Project>""");
        File.WriteAllText(root / "Directory.Packages.props", "<Project />\n");
        return root;
    }
}
