using Containers;
using System.Diagnostics;
using System.IO.Pipelines;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Images.Build;

/// <summary>
/// What a build produced: the image id (sha256:…), how much came from the cache, and the short ids of every step's
/// image (of all stages: what the next build's cache needs).
/// </summary>
public sealed record BuildResult(string ImageId, int Steps, int CachedSteps, TimeSpan Duration, IReadOnlySet<string> StepImages);

/// <summary>POST /build through Docker.DotNet: the context as a streamed tar, the classic builder's progress out.</summary>
public static class ImageBuild
{
    /// <summary>
    /// Builds <paramref name="context"/> with <paramref name="parameters"/> (tags, build args, labels, no-cache). Always
    /// the classic builder (BuildKit needs a gRPC session) and always removing intermediate containers, also of a
    /// failed step (forcerm), so no build leaves containers behind.
    /// </summary>
    public static async Task<BuildResult> RunAsync(IDockerClient docker, BuildContext context, ImageBuildParameters parameters,
        IProgress<BuildProgress>? progress, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        parameters.Dockerfile ??= context.Dockerfile;
        parameters.Version = "1";
        parameters.Remove = true;
        parameters.ForceRemove = true;
        var stream = new BuildStream(progress);

        // The tar is written while the engine reads it: a large context never sits in memory.
        var pipe = new Pipe();
        var writer = Task.Run(async () =>
        {
            try
            {
                await using (var tar = pipe.Writer.AsStream())
                    await context.WriteTarAsync(tar, ct);
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
                throw;
            }
        }, ct);
        try
        {
            await using var body = pipe.Reader.AsStream();
            await docker.Images.BuildImageFromDockerfileAsync(parameters, body, authConfigs: null, headers: null, stream, ct);
        }
        catch (DockerApiException e)
        {
            // Errors before the stream starts (bad Dockerfile, missing base image…) read the same as errors inside it.
            throw stream.Failure(DockerImages.EngineMessage(e), e);
        }
        catch (Exception e) when (DockerEngine.IsUnreachable(e))
        {
            throw DockerEngine.Unreachable(docker.Options.Endpoint, e);
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
        }
        await writer;
        stream.Flush();
        if (stream.Error is { } error)
            throw error;

        var id = stream.ImageId ?? throw stream.Failure("the engine ended the build without reporting an image id");
        if (!id.StartsWith("sha256:", StringComparison.Ordinal))
            id = (await docker.Images.InspectImageAsync(id, ct)).ID; // "Successfully built 1a2b3c" gives only the short id.
        return new BuildResult(id, stream.Steps, stream.CachedSteps, clock.Elapsed, stream.StepImages);
    }
}
