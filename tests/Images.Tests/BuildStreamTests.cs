using Containers;
using Docker.DotNet.Models;
using Images.Build;

namespace Images.Tests;

/// <summary>The classic builder's JSON messages as Docker.DotNet hands them over: lines, steps, cache hits, errors.</summary>
public sealed class BuildStreamTests
{
    [Fact]
    public void Build_output_split_across_messages_becomes_whole_lines_and_the_short_id_is_the_fallback()
    {
        var events = new List<BuildProgress>();
        var stream = new BuildStream(new InlineProgress<BuildProgress>(events.Add));

        foreach (var text in new[] { "Step 1/2 : FROM scratch\n ---> Using ", "cache\n", "Step 2/2 : LABEL a=b\n", "Successfully built 0123abcd\n", "Successfully tagged x:1" })
            stream.Report(new JSONMessage { Stream = text });
        stream.Flush();

        stream.ImageId.Should().Be("0123abcd", "engines without aux messages only print the short id");
        stream.Steps.Should().Be(2);
        stream.CachedSteps.Should().Be(1);
        events.Select(e => e.Kind).Should().Equal(BuildProgressKind.Step, BuildProgressKind.CacheHit, BuildProgressKind.Step,
            BuildProgressKind.Output, BuildProgressKind.Output);
        events.Last().Text.Should().Be("Successfully tagged x:1");
    }

    [Fact]
    public void An_error_in_the_stream_names_the_step_the_engine_words_and_the_step_output()
    {
        var stream = new BuildStream(null);
        stream.Report(new JSONMessage { Stream = "Step 4/9 : RUN make\n" });
        stream.Report(new JSONMessage { Stream = "compiling\nlinking failed" });

        stream.Report(new JSONMessage { Error = new JSONError { Code = 2, Message = "The command '/bin/sh -c make' returned a non-zero code: 2" } });
        stream.Report(new JSONMessage { Stream = "Step 5/9 : never\n" });

        stream.Error.Should().NotBeNull();
        stream.Error!.Message.Should().Be("Image build failed at Step 4/9 : RUN make: The command '/bin/sh -c make' returned a non-zero code: 2" +
                                          "\nLast output of the step:\n  compiling\n  linking failed");
        stream.Steps.Should().Be(1, "nothing after the first error counts");
    }

    [Fact]
    public void A_missing_base_image_gets_a_hint_what_to_do()
    {
        var error = new BuildStream(null).Failure("pull access denied for nope, repository does not exist");

        error.Message.Should().Contain("build the image locally, or check the registry address");
    }
}
