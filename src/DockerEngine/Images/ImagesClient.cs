using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>Engine API calls for images: build, inspect, tag, remove, list, pull, push, export.</summary>
public sealed class ImagesClient
{
    private readonly DockerTransport _transport;

    internal ImagesClient(DockerTransport transport) => _transport = transport;

    public Task<ImageInspectResponse> InspectAsync(string name, CancellationToken ct = default) =>
        _transport.GetJsonAsync<ImageInspectResponse>($"/images/{DockerTransport.Segment(name)}/json", $"Inspect image '{name}'", ct);

    /// <summary>True when the image exists locally (no pull attempted).</summary>
    public async Task<bool> ExistsAsync(string name, CancellationToken ct = default)
    {
        try
        {
            await InspectAsync(name, ct);
            return true;
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>Adds the name <paramref name="target"/> ("repo:tag"; no tag means latest) to <paramref name="source"/>.</summary>
    public Task TagAsync(string source, string target, CancellationToken ct = default)
    {
        var reference = ImageReference.Parse(target);
        var query = new QueryString().Add("repo", reference.Repository).Add("tag", reference.Tag ?? "latest");
        return _transport.SendAndDrainAsync(HttpMethod.Post, $"/images/{DockerTransport.Segment(source)}/tag{query}",
            $"Tag image '{source}' as '{target}'", null, ct);
    }

    /// <summary>Removes a tag (or, by id, the image). <paramref name="force"/> also removes images used by stopped containers / with several tags.</summary>
    public Task<IReadOnlyList<ImageDeleteResponseItem>> RemoveAsync(string name, bool force = false, bool noPrune = false, CancellationToken ct = default) =>
        DeleteAsync($"/images/{DockerTransport.Segment(name)}{new QueryString().Add("force", force).Add("noprune", noPrune)}", name, ct);

    public Task<IReadOnlyList<ImageSummary>> ListAsync(ListImagesRequest? request = null, CancellationToken ct = default)
    {
        request ??= new ListImagesRequest();
        var filters = Filters.Merge(request.Filters, request.Labels);
        if (request.Reference is { } reference)
            filters = new Dictionary<string, IReadOnlyList<string>>(filters ?? new Dictionary<string, IReadOnlyList<string>>()) { ["reference"] = [reference] };
        return _transport.GetJsonAsync<IReadOnlyList<ImageSummary>>($"/images/json{new QueryString().Add("all", request.All).AddFilters(filters)}",
            "List images", ct);
    }

    /// <summary>
    /// Pulls <paramref name="image"/>; gives up after <paramref name="timeout"/> (default 30 s) because an unreachable
    /// registry can otherwise hang for minutes. Progress lines go to <paramref name="progress"/>.
    /// </summary>
    public async Task PullAsync(string image, RegistryAuth? auth = null, TimeSpan? timeout = null,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var reference = ImageReference.Parse(image);
        var query = new QueryString().Add("fromImage", reference.Repository)
            .Add("tag", reference.Digest ?? reference.Tag ?? "latest");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(limit);
        try
        {
            await StreamAsync($"/images/create{query}", $"Pull image '{image}'", auth, progress, cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DockerEngineException(DockerErrorKind.Registry,
                $"Pull image '{image}' failed: no answer from the registry within {limit.TotalSeconds:0} s. " +
                "Build the image locally, or check that the registry is reachable from the engine.");
        }
    }

    /// <summary>Pushes "repo:tag" (tag it first with <see cref="TagAsync"/>). Credentials go only into the X-Registry-Auth header.</summary>
    public Task PushAsync(string image, RegistryAuth? auth = null, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var reference = ImageReference.Parse(image);
        var query = new QueryString().Add("tag", reference.Tag);
        return StreamAsync($"/images/{DockerTransport.Segment(reference.Repository)}/push{query}", $"Push image '{image}'",
            auth ?? RegistryAuth.Anonymous, progress, ct);
    }

    /// <summary>The image(s) as a `docker save` tar (manifest.json, config, layer tars). Dispose the stream.</summary>
    public async Task<Stream> ExportAsync(string name, CancellationToken ct = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Get, $"/images/{DockerTransport.Segment(name)}/get",
            $"Export image '{name}'", streamResponse: true, ct: ct);
        return new ResponseStream(response, await response.Content.ReadAsStreamAsync(ct));
    }

    /// <summary>
    /// Builds with the classic builder (BuildKit needs a session the plain API cannot offer). Every step, cache hit
    /// and output line is reported to <paramref name="progress"/> in order; the first error fails with
    /// <see cref="DockerBuildException"/> naming the step and its last output.
    /// </summary>
    public Task<BuildResult> BuildAsync(BuildContext context, BuildImageRequest? request = null,
        IProgress<BuildProgress>? progress = null, CancellationToken ct = default) =>
        ImageBuilder.BuildAsync(_transport, this, context, request ?? new BuildImageRequest(), progress, ct);

    private async Task StreamAsync(string path, string operation, RegistryAuth? auth, IProgress<string>? progress, CancellationToken ct)
    {
        var headers = auth is null ? null : new Dictionary<string, string> { ["X-Registry-Auth"] = auth.ToHeaderValue() };
        using var response = await _transport.SendAsync(HttpMethod.Post, path, operation, content: null, headers, streamResponse: true, ct);
        await foreach (var message in JsonMessage.ReadAllAsync(response, ct))
        {
            if (message.FailureMessage is { } failure)
                throw ErrorTranslator.FromStream(operation, failure);
            var text = string.Join(' ', new[] { message.Id, message.Status, message.Progress, message.Stream?.TrimEnd() }
                .Where(s => !string.IsNullOrEmpty(s)));
            if (text.Length > 0)
                progress?.Report(text);
        }
    }

    private async Task<IReadOnlyList<ImageDeleteResponseItem>> DeleteAsync(string path, string name, CancellationToken ct)
    {
        using var response = await _transport.SendAsync(HttpMethod.Delete, path, $"Remove image '{name}'", ct: ct);
        return DockerJson.Deserialize<IReadOnlyList<ImageDeleteResponseItem>>(await response.Content.ReadAsStringAsync(ct));
    }
}
