using Images.Platforms;

namespace Images.Tests.Platforms;

public sealed class EmulationTests : IDisposable
{
    private readonly string _entry = Path.Combine(Directory.CreateTempSubdirectory("binfmt-").FullName, "qemu-aarch64");

    [Fact]
    public void An_enabled_registration_with_the_F_flag_is_usable_in_containers()
    {
        File.WriteAllText(_entry, "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\noffset 0\n");
        Emulation.Registration(_entry).Should().Be("qemu-aarch64 (binfmt_misc, flags PF)");
    }

    [Theory]
    [InlineData("disabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: PF\n")]
    [InlineData("enabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: P\n")]
    public void A_disabled_one_or_one_without_F_is_not(string content)
    {
        File.WriteAllText(_entry, content);
        Emulation.Registration(_entry).Should().BeNull("without F the kernel looks for qemu inside the container's file system");
    }

    [Fact]
    public async Task The_host_platform_needs_no_emulation() =>
        (await Emulation.EnsureAsync(ImagePlatform.Host!, new HostTools())).Should().Be("native");

    [Fact]
    public void The_arm64_interpreter_is_a_host_tool_the_build_may_install() =>
        HostTool.All.Should().Contain([Emulation.QemuFor(ImagePlatform.LinuxArm64), HostTool.UpdateBinfmts]);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_entry)!, recursive: true);
}
