using Fuzz;

namespace Fuzz.Tests;

/// <summary>
/// The fuzzer's inputs as unit tests: every seed of fuzz/corpus and every crash ./build.sh Fuzz saved in
/// fuzz/regressions gives its parser's value or its own error, never another exception. A new crash fails here until fixed.
/// </summary>
public sealed class ReplayTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "corpus", "regressions" }.Select(f => Path.Combine(AppContext.BaseDirectory, f)).Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(Path.GetDirectoryName(file))!, Path.GetRelativePath(AppContext.BaseDirectory, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_gives_a_value_or_the_parsers_own_error(string parser, string file)
    {
        var target = FuzzTargets.Find(parser);
        target.Should().NotBeNull($"{file} is in a folder named after a parser of FuzzTargets.All");

        var run = () => target!.Run(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file)));

        run.Should().NotThrow($"{target!.Parses} must answer {file} with a value or its own error");
    }

    [Fact]
    public void Every_parser_has_a_seed_corpus()
    {
        var seeded = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "corpus")).Select(Path.GetFileName);

        seeded.Should().BeEquivalentTo(FuzzTargets.All.Select(t => t.Name), "afl-fuzz starts from fuzz/corpus/<parser> and refuses an empty one");
    }
}
