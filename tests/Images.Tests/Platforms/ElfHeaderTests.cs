using Images.Platforms;

namespace Images.Tests.Platforms;

public sealed class ElfHeaderTests
{
    /// <summary>The first 20 bytes of a 64-bit little-endian ELF executable for <paramref name="machine"/>.</summary>
    internal static byte[] Header(ushort machine) =>
        [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, (byte)machine, (byte)(machine >> 8)];

    [Fact]
    public void The_host_dotnet_binary_is_read_as_the_host_platform()
    {
        var dotnet = Path.Combine(Path.GetDirectoryName(Environment.ProcessPath!)!, "dotnet");
        var bytes = File.ReadAllBytes(File.Exists(dotnet) ? dotnet : Environment.ProcessPath!).AsSpan(0, ElfHeader.Length);
        ElfHeader.TryRead(bytes)!.Platform.Should().Be(ImagePlatform.Host);
    }

    [Fact]
    public void An_aarch64_header_is_linux_arm64() =>
        ElfHeader.TryRead(Header(183))!.Should().BeEquivalentTo(new { Is64Bit = true, IsLittleEndian = true, Machine = (ushort)183, Platform = ImagePlatform.LinuxArm64 });

    [Fact]
    public void Another_machine_or_no_elf_is_no_platform()
    {
        ElfHeader.TryRead(Header(40))!.Platform.Should().BeNull("40 is 32-bit ARM");
        ElfHeader.TryRead("#!/bin/sh\necho not a binary\n"u8).Should().BeNull();
        ElfHeader.TryRead(Header(183).AsSpan(0, 10)).Should().BeNull("too short to hold e_machine");
    }
}
