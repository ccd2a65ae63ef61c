using System.Diagnostics;

namespace DockerEngine.Internal;

/// <summary>POST /build: stream the context in, the JSON progress out.</summary>
internal static class ImageBuilder
{
    public static async Task<BuildResult> BuildAsync(DockerTransport transport, ImagesClient images, BuildContext context,
        BuildImageRequest request, IProgress<BuildProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var query = new QueryString()
            .Add("dockerfile", request.Dockerfile ?? context.Dockerfile)
            .Add("target", request.Target)
            .Add("pull", request.Pull)
            .Add("nocache", request.NoCache)
            .Add("rm", request.Remove)
            .Add("forcerm", request.ForceRemove)
            .Add("networkmode", request.NetworkMode)
            // "1" is the classic builder: BuildKit ("2") needs a gRPC session that plain HTTP cannot provide.
            .Add("version", "1");
        foreach (var tag in request.Tags)
            query.Add("t", tag);
        if (request.BuildArgs is { Count: > 0 } args)
            query.AddJson("buildargs", args);
        if (request.Labels is { Count: > 0 } labels)
            query.AddJson("labels", labels);

        var reader = new BuildOutputReader(progress);
        using var content = new TarContent(context, ct);
        using (var response = await SendAsync(transport, $"/build{query}", content, reader, ct))
        {
            await foreach (var message in JsonMessage.ReadAllAsync(response, ct))
                reader.Accept(message);
        }
        reader.Flush();

        var id = reader.ImageId ?? throw reader.Failure("the engine ended the build without reporting an image id");
        if (!id.StartsWith("sha256:", StringComparison.Ordinal))
            id = (await images.InspectAsync(id, ct)).Id; // "Successfully built 1a2b3c" gives only the short id.
        progress?.Report(new BuildProgress(BuildProgressKind.ImageId, id));
        return new BuildResult(id, request.Tags, reader.Steps, reader.CachedSteps, clock.Elapsed);
    }

    private static async Task<HttpResponseMessage> SendAsync(DockerTransport transport, string path, HttpContent content,
        BuildOutputReader reader, CancellationToken ct)
    {
        try
        {
            return await transport.SendAsync(HttpMethod.Post, path, "Build image", content, streamResponse: true, ct: ct);
        }
        catch (DockerEngineException e) when (e.Kind is not DockerErrorKind.Unreachable && e.EngineMessage is { } engine)
        {
            // Errors before the stream starts (bad Dockerfile, missing base image…) read the same as errors inside it.
            throw reader.Failure(engine);
        }
    }
}
