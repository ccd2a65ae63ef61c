namespace Images.Tests;

public sealed class HostToolsTests
{
    private static readonly HostFacts DebianRoot = new()
    {
        IsLinux = true, IsRoot = true, OsId = "debian", AptGetPath = "/usr/bin/apt-get", DockerdPath = null,
    };

    [Fact]
    public void Root_on_debian_may_install_every_tool() =>
        HostTool.All.Select(t => HostTools.WhyNotInstallable(t, DebianRoot)).Should().AllSatisfy(r => r.Should().BeNull());

    [Fact]
    public void Non_root_is_given_the_exact_command_to_run()
    {
        var refusal = HostTools.WhyNotInstallable(HostTool.Debootstrap, DebianRoot with { IsRoot = false });
        refusal.Should().Contain("debootstrap is needed for bootstrapping the Debian base image")
            .And.Contain("`sudo apt-get install -y debootstrap`").And.Contain("run the build as root");
    }

    [Fact]
    public void Other_distributions_are_told_the_tool_and_its_debian_package()
    {
        var refusal = HostTools.WhyNotInstallable(HostTool.Dockerd, DebianRoot with { OsId = "fedora", AptGetPath = null });
        refusal.Should().Contain("(fedora) is not Debian/Ubuntu").And.Contain("install dockerd (Debian's package docker.io)");
    }

    [Fact]
    public async Task A_tool_on_path_is_found_and_nothing_is_installed()
    {
        // Not root and not Debian: any install attempt would throw, so success proves none was made.
        var tools = new HostTools(DebianRoot with { IsRoot = false, OsId = "fedora", AptGetPath = null });
        var path = await tools.EnsureAsync(new HostTool("sh", "dash", "a test"));
        path.Should().EndWith("/sh");
        tools.Installed.Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_tool_that_may_not_be_installed_fails_with_the_instruction()
    {
        var tools = new HostTools(DebianRoot with { IsRoot = false });
        var act = () => tools.EnsureAsync(new HostTool("no-such-tool-xyz", "no-such-package", "a test"));
        (await act.Should().ThrowAsync<ImagesException>()).WithMessage("*`sudo apt-get install -y no-such-package`*");
    }

    [Theory]
    [InlineData("Get:1 http://deb.debian.org/debian bookworm/main amd64 runc amd64 1.1.5 [2,694 kB]", true)]
    [InlineData("Setting up docker.io (20.10.24) ...", true)]
    [InlineData("E: Unable to locate package nope", true)]
    [InlineData("Reading package lists...", false)]
    [InlineData("Selecting previously unselected package runc.", false)]
    public void Apt_progress_shows_downloads_setup_and_errors_only(string line, bool shown) =>
        HostTools.IsProgress(line).Should().Be(shown);
}
