using Containers;
using System.Buffers.Binary;

namespace Images.Platforms;

/// <summary>The identifying part of an ELF header: 64-bit little-endian and the machine (e_machine) it runs on.</summary>
public sealed record ElfHeader(bool Is64Bit, bool IsLittleEndian, ushort Machine)
{
    /// <summary>Bytes needed to read the header up to e_machine.</summary>
    public const int Length = 20;

    private static ReadOnlySpan<byte> Magic => [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>Null when <paramref name="bytes"/> does not start with an ELF header.</summary>
    public static ElfHeader? TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length || !bytes[..4].SequenceEqual(Magic))
            return null;
        var little = bytes[5] == 1;
        var machine = little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[18..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[18..]);
        return new ElfHeader(bytes[4] == 2, little, machine);
    }

    /// <summary>The platform whose binaries carry this header; null for any other machine.</summary>
    public ImagePlatform? Platform => Is64Bit && IsLittleEndian
        ? ImagePlatform.Supported.FirstOrDefault(p => p.ElfMachine == Machine)
        : null;

    public override string ToString() => Platform is { } p
        ? $"ELF 64-bit {p.UnameMachine}"
        : $"ELF {(Is64Bit ? 64 : 32)}-bit {(IsLittleEndian ? "LSB" : "MSB")} machine {Machine}";
}
