using Images.Build;

namespace Images.Tests;

/// <summary>The matcher against Docker's documented (and moby-implemented) .dockerignore semantics.</summary>
public sealed class DockerIgnoreMatcherTests
{
    [Theory]
    [InlineData("*.log", "a.log", true)]
    [InlineData("*.log", "dir/a.log", false)]
    [InlineData("**/*.log", "a.log", true)]
    [InlineData("**/*.log", "x/y/a.log", true)]
    [InlineData("**/*.log", "x/y/a.txt", false)]
    [InlineData("bin", "bin/Debug/app.dll", true)]
    [InlineData("bin", "src/bin/app.dll", false)]
    [InlineData("**/bin", "src/bin/app.dll", true)]
    [InlineData("dir/**", "dir/a", true)]
    [InlineData("dir/**", "dir", false)]
    [InlineData("docs/**/*.md", "docs/a.md", true)]
    [InlineData("docs/**/*.md", "docs/x/y/a.md", true)]
    [InlineData("**", "anything/at/all", true)]
    [InlineData("/obj", "obj/x.o", true)]
    [InlineData("./secrets", "secrets/key", true)]
    [InlineData("a/../b", "b", true)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file10.txt", false)]
    [InlineData("file?.txt", "file/.txt", false)]
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[a-c].txt", "d.txt", false)]
    [InlineData("[^a-c].txt", "d.txt", true)]
    [InlineData(@"\*.txt", "*.txt", true)]
    [InlineData(@"\*.txt", "a.txt", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("  spaced.txt  ", "spaced.txt", true)]
    [InlineData("# comment.txt", "# comment.txt", false)]
    [InlineData(" #not-a-comment", "#not-a-comment", true)]
    public void A_single_pattern_matches_like_docker(string pattern, string path, bool excluded) =>
        DockerIgnore.Parse(pattern).IsExcluded(path).Should().Be(excluded, $"pattern '{pattern}' on '{path}'");

    [Fact]
    public void An_exception_re_includes_and_the_last_match_wins()
    {
        var ignore = DockerIgnore.Parse("*.md\n!README.md\n");
        ignore.IsExcluded("README.md").Should().BeFalse();
        ignore.IsExcluded("CHANGES.md").Should().BeTrue();

        var reversed = DockerIgnore.Parse("!README.md\n*.md\n");
        reversed.IsExcluded("README.md").Should().BeTrue("the later '*.md' wins over the earlier exception");

        var again = DockerIgnore.Parse("*.md\n!README*.md\nREADME-secret.md\n");
        again.IsExcluded("README-public.md").Should().BeFalse();
        again.IsExcluded("README-secret.md").Should().BeTrue();
    }

    [Fact]
    public void Comments_blank_lines_bom_and_crlf_are_handled_like_moby()
    {
        var ignore = DockerIgnore.Parse("\uFEFF# header\r\n\r\n   \r\nbin\r\n!  bin/keep\r\n");
        ignore.Patterns.Should().Equal("bin", "!bin/keep");
    }

    [Fact]
    public void The_dockerfile_and_dockerignore_are_never_excluded_from_what_is_sent()
    {
        var ignore = DockerIgnore.Parse("*\n").KeepingBuildFiles("build/Dockerfile");

        ignore.IsExcluded("Dockerfile.other").Should().BeTrue();
        ignore.IsExcluded(".dockerignore").Should().BeFalse();
        ignore.IsExcluded("build/Dockerfile").Should().BeFalse();
        ignore.IsExcluded("build/other").Should().BeTrue();
        ignore.MayReincludeBelow("build").Should().BeTrue("the walk must enter 'build' to find the Dockerfile");
    }

    [Fact]
    public void Excluded_directories_are_entered_only_for_exceptions_that_name_them()
    {
        var ignore = DockerIgnore.Parse("docs\n!docs/keep.md\n**/cache\n!**/cache/keep");
        ignore.MayReincludeBelow("docs").Should().BeTrue();
        ignore.MayReincludeBelow("src/cache").Should().BeFalse("Docker's walk only follows exceptions with a literal prefix");
    }

    [Theory]
    [InlineData("!")]
    [InlineData("[")]
    [InlineData("abc\\")]
    public void Invalid_patterns_are_rejected_with_the_pattern_named(string pattern) =>
        FluentActions.Invoking(() => DockerIgnore.Parse(pattern)).Should().Throw<FormatException>().WithMessage("*pattern*");
}
