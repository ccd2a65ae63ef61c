using Images.Build;

namespace Images.Tests;

/// <summary>The repository's .dockerignore, applied with Docker's semantics by the engine client's context packer.</summary>
public sealed class DockerIgnoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("context-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Touch(string path)
    {
        var full = Path.Combine(_dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, path);
    }

    [Fact]
    public void Only_sources_props_and_server_conf_enter_the_context_and_no_secrets_or_build_output()
    {
        File.Copy(Path.Combine(RepositoryRoot.Path, ".dockerignore"), Path.Combine(_dir, ".dockerignore"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "Dockerfile"), Path.Combine(_dir, "Dockerfile"));
        string[] wanted =
        [
            "Directory.Build.props", "Directory.Packages.props", "nuget.config", "server.conf",
            "src/CreditRobot/CreditRobot.csproj", "src/CreditRobot/packages.lock.json", "src/CreditRobot/Program.cs",
            "src/ServerConfig/ServerConfig.csproj",
        ];
        string[] unwanted =
        [
            ".git/config", ".env", "artifacts/app.tgz", ".nuke/temp/dockerd.log", "tests/X.Tests/XTests.cs", "build/Build.cs",
            "README.md", "signing.pfx", "src/CreditRobot/bin/Release/net10.0/CreditRobot.dll", "src/CreditRobot/obj/project.assets.json",
            "src/CreditRobot/.env", "src/CreditRobot/.env.production", "src/CreditRobot/dev-cert.pfx", "src/CreditRobot/tls.key",
            "src/CreditRobot/secrets/db-password", "src/ServerConfig/obj/Debug/x.cs",
        ];
        foreach (var path in wanted.Concat(unwanted))
            Touch(path);

        var entries = BuildContext.FromDirectory(_dir).ListEntries();

        entries.Should().Contain(wanted).And.Contain("Dockerfile");
        foreach (var path in unwanted)
            entries.Should().NotContain(path, "{0} must stay out of the build context", path);
        entries.Should().NotContain(e => e.Contains("/bin/") || e.Contains("/obj/") || e.StartsWith(".git"));
    }

    [Fact]
    public void The_real_repository_context_has_the_app_sources_and_nothing_built()
    {
        var entries = BuildContext.FromDirectory(RepositoryRoot.Path).ListEntries();

        entries.Should().Contain(["Dockerfile", "src/CreditRobot/CreditRobot.csproj", "Directory.Packages.props"]);
        entries.Should().NotContain(e => e.Contains("/bin/") || e.Contains("/obj/") || e.StartsWith(".git/") ||
                                         e.StartsWith("tests/") || e.StartsWith(".nuke/") || e.EndsWith(".pfx"));
    }
}
