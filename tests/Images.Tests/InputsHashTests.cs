namespace Images.Tests;

public sealed class InputsHashTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recipe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Same_inputs_give_the_same_hash_and_any_change_gives_another()
    {
        File.WriteAllText(Path.Combine(_dir, "Dockerfile"), "FROM scratch\n");
        File.WriteAllText(Path.Combine(_dir, "entrypoint.sh"), "#!/bin/sh\n");
        string Hash(string mirror = "http://m/debian") => new InputsHash().AddDirectory("recipe", _dir).Add("mirror", mirror).Value;

        var first = Hash();
        Hash().Should().Be(first);
        Hash("http://other/debian").Should().NotBe(first);

        if (OperatingSystem.IsWindows())
            return;
        File.SetUnixFileMode(Path.Combine(_dir, "entrypoint.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var executable = Hash();
        executable.Should().NotBe(first, "the executable bit is part of a recipe");

        File.AppendAllText(Path.Combine(_dir, "Dockerfile"), "USER 1654\n");
        Hash().Should().NotBe(executable);
    }

    [Fact]
    public void Name_value_boundaries_cannot_be_shifted() =>
        new InputsHash().Add("a", "bc").Value.Should().NotBe(new InputsHash().Add("ab", "c").Value);
}
