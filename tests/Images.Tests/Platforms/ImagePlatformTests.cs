using Images.Platforms;

namespace Images.Tests.Platforms;

public sealed class ImagePlatformTests
{
    [Fact]
    public void A_list_keeps_its_order_ignores_blanks_and_folds_duplicates()
    {
        var (platforms, error) = ImagePlatform.ParseList(" linux/arm64, ,linux/amd64,LINUX/ARM64 ", "--platforms");
        error.Should().BeNull();
        platforms.Should().Equal(ImagePlatform.LinuxArm64, ImagePlatform.LinuxAmd64);
    }

    [Theory]
    [InlineData("linux/amd64,linux/arm/v7", "'linux/arm/v7'")]
    [InlineData("arm64", "'arm64'")]
    [InlineData("windows/amd64", "'windows/amd64'")]
    public void An_unknown_entry_is_named_with_what_would_be_right(string text, string named)
    {
        var (platforms, error) = ImagePlatform.ParseList(text, "--platforms");
        platforms.Should().BeEmpty();
        error.Should().StartWith("--platforms: ").And.Contain(named).And.Contain("linux/amd64, linux/arm64");
    }

    [Fact]
    public void An_empty_list_is_refused() =>
        ImagePlatform.ParseList(" , ", "--platforms").Error.Should().Be("--platforms: empty; expected one or more of linux/amd64, linux/arm64, comma-separated");

    [Fact]
    public void Each_platform_names_its_runtime_identifier_and_elf_machine()
    {
        ImagePlatform.LinuxAmd64.Should().BeEquivalentTo(new { Architecture = "amd64", RuntimeIdentifier = "linux-x64", ElfMachine = (ushort)62 });
        ImagePlatform.LinuxArm64.Should().BeEquivalentTo(new { Architecture = "arm64", RuntimeIdentifier = "linux-arm64", ElfMachine = (ushort)183 });
        ImagePlatform.Host.Should().NotBeNull("these machines are amd64 (and arm64 laptops are supported too)");
        ImagePlatform.Host!.IsHost.Should().BeTrue();
    }
}
