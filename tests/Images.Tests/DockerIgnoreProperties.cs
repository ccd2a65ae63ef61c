using CsCheck;
using Images.Build;

namespace Images.Tests;

/// <summary>Issue 23: any .dockerignore text gives a matcher or the Image target's FormatException, and the matcher answers every path.</summary>
public sealed class DockerIgnoreProperties
{
    private static readonly Gen<string> Text = Gen.OneOf(Gen.String[0, 8],
            Gen.OneOf("*", "**", "?", "[", "]", "[a-", "[^a]", "[!", "\\", "!", "/", "../", ".", "#", "\n", "\r\n", "\uFEFF", " ", "src", "bin", "{a,b}", "(", "$", "^"))
        .Array[0, 12].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Path = Gen.OneOf(Gen.String[0, 12],
            Gen.OneOf("src/a.cs", "Dockerfile", ".git/config", "bin/x", "a/b/c", "[x]/y", "\\", "", "."));

    [Fact]
    public void Any_text_gives_a_matcher_or_the_pattern_error_and_the_matcher_answers_any_path()
    {
        Gen.Select(Text, Path.Array[1, 4]).Sample((text, paths) =>
        {
            DockerIgnore ignore;
            try { ignore = DockerIgnore.Parse(text).KeepingBuildFiles("Dockerfile"); }
            catch (FormatException e) { e.Message.Should().Contain(".dockerignore"); return; }
            foreach (var path in paths) ignore.IsExcluded(path);
            ignore.MayReincludeBelow("src");
            ignore.IsExcluded("Dockerfile").Should().BeFalse("the build keeps the files it needs whatever the patterns say");
        }, iter: 1000);
    }
}
