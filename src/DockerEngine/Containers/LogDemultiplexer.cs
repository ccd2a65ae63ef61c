using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace DockerEngine.Internal;

/// <summary>
/// Splits the engine's log stream. Without a TTY every frame has an 8-byte header: [stream, 0, 0, 0, size (big-endian uint32)].
/// With a TTY the stream is raw bytes (stdout and stderr merged by the terminal), reported as stdout.
/// </summary>
internal static class LogDemultiplexer
{
    public static async IAsyncEnumerable<LogChunk> ReadAsync(Stream stream, bool tty, [EnumeratorCancellation] CancellationToken ct)
    {
        // One decoder per stream so a UTF-8 character split across frames is still decoded correctly.
        var stdout = Encoding.UTF8.GetDecoder();
        var stderr = Encoding.UTF8.GetDecoder();
        var buffer = new byte[16 * 1024];
        if (tty)
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                yield return new LogChunk(LogStream.Stdout, Decode(stdout, buffer, read));
            yield break;
        }

        var header = new byte[8];
        while (await FillAsync(stream, header, header.Length, ct))
        {
            var kind = header[0] == 2 ? LogStream.Stderr : LogStream.Stdout;
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (buffer.Length < size)
                buffer = new byte[size];
            if (!await FillAsync(stream, buffer, size, ct))
                throw new DockerEngineException(DockerErrorKind.Engine,
                    "The engine's log stream ended in the middle of a frame (was the container removed while reading?).");
            var text = Decode(kind == LogStream.Stderr ? stderr : stdout, buffer, size);
            if (text.Length > 0)
                yield return new LogChunk(kind, text);
        }
    }

    private static string Decode(Decoder decoder, byte[] bytes, int count)
    {
        var chars = new char[Encoding.UTF8.GetMaxCharCount(count)];
        var n = decoder.GetChars(bytes, 0, count, chars, 0, flush: false);
        return new string(chars, 0, n);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; false on a clean end of stream before the first byte.</summary>
    private static async Task<bool> FillAsync(Stream stream, byte[] buffer, int count, CancellationToken ct)
    {
        var offset = 0;
        while (offset < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(offset, count - offset), ct);
            if (read == 0)
                return offset == 0 && count > 0 ? false : offset == count;
            offset += read;
        }
        return true;
    }
}
