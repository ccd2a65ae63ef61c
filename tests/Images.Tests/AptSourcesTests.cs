namespace Images.Tests;

public sealed class AptSourcesTests : IDisposable
{
    private readonly string _apt = Directory.CreateTempSubdirectory("apt-").FullName;

    public void Dispose() => Directory.Delete(_apt, recursive: true);

    [Fact]
    public void Deb822_mirror_of_the_suite_is_found_and_security_and_disabled_files_are_ignored()
    {
        Directory.CreateDirectory(Path.Combine(_apt, "sources.list.d"));
        File.WriteAllText(Path.Combine(_apt, "sources.list.d", "debian.sources"), """
            Types: deb
            # http://snapshot.debian.org/archive/debian/20250520T000000Z
            URIs: http://mirror.example/debian/
            Suites: bookworm bookworm-updates
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

            Types: deb
            URIs: http://mirror.example/debian-security
            Suites: bookworm-security
            Components: main
            """);
        File.WriteAllText(Path.Combine(_apt, "sources.list.d", "other.list.disabled-by-farm"), "deb http://wrong.example/ bookworm main\n");

        AptSources.MirrorFor("bookworm", _apt).Should().Be("http://mirror.example/debian");
    }

    [Fact]
    public void One_line_sources_with_options_work_and_disabled_stanzas_do_not_count()
    {
        File.WriteAllText(Path.Combine(_apt, "sources.list"),
            "# deb http://commented.example/debian bookworm main\n" +
            "deb-src http://src.example/debian bookworm main\n" +
            "deb [arch=amd64 signed-by=/k.gpg] http://corp.example/debian bookworm main contrib # company mirror\n");
        Directory.CreateDirectory(Path.Combine(_apt, "sources.list.d"));
        File.WriteAllText(Path.Combine(_apt, "sources.list.d", "a.sources"),
            "Enabled: no\nTypes: deb\nURIs: http://off.example/debian\nSuites: bookworm\nComponents: main\n");

        AptSources.MirrorFor("bookworm", _apt).Should().Be("http://corp.example/debian");
    }

    [Fact]
    public void No_source_for_the_suite_says_what_was_found_and_what_to_add()
    {
        File.WriteAllText(Path.Combine(_apt, "sources.list"), "deb http://archive.ubuntu.com/ubuntu noble main\n");

        var act = () => AptSources.MirrorFor("bookworm", _apt);

        act.Should().Throw<ImagesException>()
            .WithMessage("*suite 'bookworm'*found: http://archive.ubuntu.com/ubuntu noble*Suites: bookworm*");
    }

    [Fact]
    public void This_hosts_configuration_names_a_mirror_for_its_own_suite()
    {
        var codename = HostFacts.ReadOsRelease("/etc/os-release").GetValueOrDefault("VERSION_CODENAME") ?? "bookworm";
        AptSources.MirrorFor(codename).Should().StartWith("http");
    }
}
