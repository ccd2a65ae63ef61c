using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

/// <summary>A single generated file at the root (server.conf's case): CRLF checkouts, hand edits that must not be lost.</summary>
public sealed class GeneratedFilesTests
{
    private static readonly GeneratedDirectory Root = new("", "app.conf", "# app.conf", "the --app-* parameters", "./build.sh AppConf")
    {
        HandEdit = (current, _) => current.Contains("# sealed") && !current.EndsWith("# sealed\n") ? "set --app-x instead" : null,
    };

    [Fact]
    public void A_checkout_with_CRLF_line_endings_is_up_to_date_also_on_CI()
    {
        var root = TempDirectory.Create();
        File.WriteAllText(Path.Combine(root, "app.conf"), "# app.conf\r\nx = 1\r\n");

        var outcome = GeneratedFiles.Sync(Root, [new GeneratedFile("app.conf", "# app.conf\nx = 1\n")], root, isCi: true).Single();

        outcome.State.Should().Be(GeneratedFileState.UpToDate);
        outcome.RelativePath.Should().Be("app.conf");
    }

    [Fact]
    public void A_hand_edit_is_left_alone_and_fails_the_build_with_the_advice_also_locally()
    {
        var root = TempDirectory.Create();
        var path = Path.Combine(root, "app.conf");
        File.WriteAllText(path, "# app.conf\nx = 2\n# sealed\n# edited\n");

        var outcomes = GeneratedFiles.Sync(Root, [new GeneratedFile("app.conf", "# app.conf\nx = 1\n# sealed\n")], root, isCi: false);
        var act = () => GeneratedFiles.ThrowIfStale(outcomes);

        outcomes.Single().State.Should().Be(GeneratedFileState.HandEdited);
        act.Should().Throw<StaleGeneratedFileException>().WithMessage("app.conf was edited by hand and is left alone: set --app-x instead");
        File.ReadAllText(path).Should().EndWith("# edited\n", "a hand edit is never overwritten");
    }

    [Fact]
    public void A_file_generated_from_other_parameters_is_rewritten_locally()
    {
        var root = TempDirectory.Create();
        File.WriteAllText(Path.Combine(root, "app.conf"), "# app.conf\nx = 2\n# sealed\n");

        var outcome = GeneratedFiles.Sync(Root, [new GeneratedFile("app.conf", "# app.conf\nx = 1\n# sealed\n")], root, isCi: false).Single();

        outcome.State.Should().Be(GeneratedFileState.Written);
        outcome.Message.Should().Be("app.conf was out of date (line 2 is 'x = 2', the build generates 'x = 1') and has been regenerated; commit it.");
    }
}
