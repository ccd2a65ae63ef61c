namespace TypedBuild.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("DockerHost", "docker-host", "DOCKER_HOST")]
    [InlineData("CIBuild", "ci-build", "CI_BUILD")]
    [InlineData("Port8080Enabled", "port8080-enabled", "PORT8080_ENABLED")]
    [InlineData("apiKey", "api-key", "API_KEY")]
    [InlineData("_private", "private", "PRIVATE")]
    public void Option_and_environment_names(string member, string option, string variable)
    {
        Naming.ToKebabCase(member).Should().Be(option);
        Naming.ToUpperSnakeCase(member).Should().Be(variable);
    }

    [Fact]
    public void Suggestions_are_the_closest_names_within_a_third_of_the_length()
    {
        Naming.Suggest("Compiel", ["Clean", "Compile", "Test", "Complete"]).Should().Equal("Compile");
        Naming.Suggest("tset", ["Test", "Restore"]).Should().Equal("Test");
        Naming.Suggest("Deploy", ["Clean", "Test"]).Should().BeEmpty();
        Naming.DidYouMean("Tst", ["Test", "Text"]).Should().Be(" Did you mean 'Test' or 'Text'?");
    }

    [Fact]
    public void Absolute_paths_combine_and_normalize()
    {
        var root = AbsolutePath.Create("/work/repo/");
        ((string)(root / "src" / ".." / "tests")).Should().Be("/work/repo/tests");
        (root / "a" / "b.txt").Name.Should().Be("b.txt");
        (root / "a").RelativeTo(root).Should().Be("a");
        ((string)AbsolutePath.Create("x", "/base")).Should().Be("/base/x");
    }
}
