using System.Buffers.Binary;
using System.Text;
using DockerEngine.Internal;

namespace DockerEngine.Tests;

/// <summary>Edge cases of the engine's streams that a healthy local engine rarely produces on demand.</summary>
public sealed class StreamParsingTests
{
    [Fact]
    public async Task Frames_split_into_single_bytes_still_demultiplex_with_utf8_intact()
    {
        var euro = Encoding.UTF8.GetBytes("€");
        var bytes = Frame(1, "a "u8.ToArray().Concat(euro[..1]).ToArray())
            .Concat(Frame(2, "oops\n"u8.ToArray()))
            .Concat(Frame(1, euro[1..].Concat("\n"u8.ToArray()).ToArray()))
            .Concat(Frame(1, []))
            .ToArray();

        var chunks = await ReadAllAsync(new TrickleStream(bytes), tty: false);

        string.Concat(chunks.Where(c => c.Stream == LogStream.Stdout).Select(c => c.Text)).Should().Be("a €\n");
        string.Concat(chunks.Where(c => c.Stream == LogStream.Stderr).Select(c => c.Text)).Should().Be("oops\n");
    }

    [Fact]
    public async Task A_stream_cut_inside_a_frame_is_an_error_not_silent_truncation()
    {
        var bytes = Frame(1, "complete\n"u8.ToArray()).Concat(Frame(1, "cut here"u8.ToArray())[..10]).ToArray();

        var act = () => ReadAllAsync(new MemoryStream(bytes), tty: false);

        await act.Should().ThrowAsync<DockerEngineException>().WithMessage("*ended in the middle of a frame*");
    }

    [Fact]
    public async Task Tty_output_is_passed_through_as_stdout()
    {
        var chunks = await ReadAllAsync(new MemoryStream("\u0001raw bytes\r\n"u8.ToArray()), tty: true);

        chunks.Should().Equal(new LogChunk(LogStream.Stdout, "\u0001raw bytes\r\n"));
    }

    [Fact]
    public void Build_output_split_across_messages_becomes_whole_lines_and_the_short_id_is_the_fallback()
    {
        var events = new List<BuildProgress>();
        var reader = new BuildOutputReader(new InlineProgress<BuildProgress>(events.Add));

        foreach (var stream in new[] { "Step 1/2 : FROM scratch\n ---> Using ", "cache\n", "Step 2/2 : LABEL a=b\n", "Successfully built 0123abcd\n", "Successfully tagged x:1" })
            reader.Accept(new JsonMessage { Stream = stream });
        reader.Flush();

        reader.ImageId.Should().Be("0123abcd", "engines without aux messages only print the short id");
        reader.Steps.Should().Be(2);
        reader.CachedSteps.Should().Be(1);
        events.Select(e => e.Kind).Should().Equal(BuildProgressKind.Step, BuildProgressKind.CacheHit, BuildProgressKind.Step,
            BuildProgressKind.Output, BuildProgressKind.Output);
        events.Last().Text.Should().Be("Successfully tagged x:1");
    }

    [Fact]
    public void An_error_anywhere_fails_with_the_step_and_its_tail()
    {
        var reader = new BuildOutputReader(null);
        reader.Accept(new JsonMessage { Stream = "Step 4/9 : RUN make\n" });
        reader.Accept(new JsonMessage { Stream = "compiling\nlinking failed" });

        var act = () => reader.Accept(new JsonMessage { ErrorDetail = new JsonMessageError(2, "The command '/bin/sh -c make' returned a non-zero code: 2"), Error = "ignored" });

        var error = act.Should().Throw<DockerBuildException>().Which;
        error.Message.Should().Be("Image build failed at Step 4/9 : RUN make: The command '/bin/sh -c make' returned a non-zero code: 2" +
                                  "\nLast output of the step:\n  compiling\n  linking failed");
        error.OutputTail.Should().Equal("compiling", "linking failed");
    }

    [Fact]
    public void Registry_auth_is_base64url_json_and_never_printed()
    {
        var auth = new RegistryAuth("127.0.0.1:5000", "robot", "p+ss/word?");

        var header = auth.ToHeaderValue();
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')));

        json.Should().Be("""{"serveraddress":"127.0.0.1:5000","username":"robot","password":"p\u002Bss/word?"}""");
        header.Should().NotContain("+").And.NotContain("/");
        auth.ToString().Should().NotContain("p+ss");
    }

    private static byte[] Frame(byte stream, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    private static async Task<List<LogChunk>> ReadAllAsync(Stream stream, bool tty)
    {
        var chunks = new List<LogChunk>();
        await foreach (var chunk in LogDemultiplexer.ReadAsync(stream, tty, CancellationToken.None))
            chunks.Add(chunk);
        return chunks;
    }

    /// <summary>Hands out one byte per read, like a slow socket.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], ct);
    }
}
