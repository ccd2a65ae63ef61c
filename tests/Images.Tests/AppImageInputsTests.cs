using Docker.DotNet.Models;

namespace Images.Tests;

/// <summary>
/// The inputs an app image records (the context as sent, the build args) and how a found image is compared with a
/// checkout: what --skip Image relies on.
/// </summary>
public sealed class AppImageInputsTests : IDisposable
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    // The repository's build context (what .dockerignore lets through), in a directory of its own.
    private readonly string _context = TestRepository.SnapshotContext();

    public void Dispose() => Directory.Delete(_context, recursive: true);

    private static AppImageOptions Options(string context) => new()
    {
        ContextDirectory = context,
        Repository = "creditrobot-inputs-test",
        Version = "0.0.0-test",
        SdkImage = "sdk:test",
        RuntimeImage = "runtime:test",
        Revision = Commit,
    };

    private string Inputs() => AppImage.Inputs(Options(_context));

    private static ImageInspectResponse Image(string? revision, string? inputs)
    {
        var labels = new Dictionary<string, string>();
        if (revision is not null) labels["org.opencontainers.image.revision"] = revision;
        if (inputs is not null) labels[InputsHash.Label] = inputs;
        return new ImageInspectResponse { Config = new DockerOCIImageConfig { Labels = labels } };
    }

    [Fact]
    public void Another_directory_and_other_file_times_give_the_same_inputs()
    {
        var copy = TestRepository.SnapshotContext();
        try
        {
            foreach (var file in Directory.EnumerateFileSystemEntries(copy, "*", SearchOption.AllDirectories))
                File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));

            AppImage.Inputs(Options(copy)).Should().Be(Inputs());
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void An_edit_a_new_file_the_executable_bit_or_a_build_arg_changes_the_inputs_an_ignored_file_does_not()
    {
        var before = Inputs();
        var program = Path.Combine(_context, "src", "CreditRobot", "Program.cs");

        File.WriteAllText(Path.Combine(_context, "README.md"), "not in the context (.dockerignore)");
        Directory.CreateDirectory(Path.Combine(_context, "src", "CreditRobot", "bin"));
        File.WriteAllText(Path.Combine(_context, "src", "CreditRobot", "bin", "x.dll"), "build output, ignored");
        Inputs().Should().Be(before, "ignored files are not sent");

        if (!OperatingSystem.IsWindows()) // git's one mode bit; Windows has none to change
            File.SetUnixFileMode(program, File.GetUnixFileMode(program) | UnixFileMode.UserExecute);
        var executable = Inputs();
        if (!OperatingSystem.IsWindows())
            executable.Should().NotBe(before);

        File.AppendAllText(program, "// edited");
        var edited = Inputs();
        edited.Should().NotBe(before).And.NotBe(executable);

        File.WriteAllText(Path.Combine(_context, "src", "CreditRobot", "New.cs"), "class New {}");
        Inputs().Should().NotBe(edited);

        AppImage.Inputs(Options(_context) with { Variant = "jit" }).Should().NotBe(AppImage.Inputs(Options(_context)));
    }

    [Fact]
    public void The_hosts_platform_named_or_left_out_gives_the_same_inputs_another_platform_does_not()
    {
        // Verify rebuilds with the platform named; the build leaves the host's out (found by the fresh-machine Verify).
        AppImage.Inputs(Options(_context) with { Platform = Images.Platforms.ImagePlatform.Host }).Should().Be(Inputs());
        var other = Images.Platforms.ImagePlatform.Supported.First(p => p != Images.Platforms.ImagePlatform.Host);
        AppImage.Inputs(Options(_context) with { Platform = other }).Should().NotBe(Inputs());
    }

    [Fact]
    public void A_found_image_matches_only_with_the_checkouts_commit_and_inputs_and_otherwise_says_why()
    {
        var options = Options(_context);

        AppImage.Mismatch(Image(Commit, Inputs()), options).Should().BeNull();
        AppImage.Mismatch(Image("fedcba9876543210fedcba9876543210fedcba98", Inputs()), options).Should()
            .Be("it was built from another commit, fedcba987654 (this checkout is 0123456789ab)");
        AppImage.Mismatch(Image(Commit, "0000"), options).Should().StartWith("it was built from this commit with other inputs (uncommitted changes");
        AppImage.Mismatch(Image(Commit, null), options).Should().Contain("records no inputs");
        AppImage.Mismatch(Image(null, Inputs()), options).Should().Contain("records no commit");
    }
}
