using Containers;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using Publishing.Registry;

namespace Publishing.Push;

/// <summary>
/// Publishes an already built (and smoke-tested) image: checks the registry first (reachable? credentials?),
/// skips tags that already hold this image, tags and pushes the rest through the Engine API, then reads
/// every manifest back from the registry and reports each reference with its digest.
/// </summary>
public sealed partial class ImagePublisher(IDockerClient docker, Action<string>? log = null)
{
    private readonly Action<string> _log = log ?? (_ => { });

    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken ct = default)
    {
        Validate(request);
        var imageId = request.ImageId;
        var target = $"{request.Registry}/{request.Repository}";
        using var registry = new RegistryClient(request.Registry, request.Credentials);
        await registry.CheckAccessAsync(ct);

        var references = new List<PublishedReference>();
        var toPush = new List<string>();
        foreach (var tag in request.Tags)
        {
            var current = await registry.GetManifestAsync(request.Repository, tag, ct);
            // The config digest is the image id: equal means the registry already serves this exact image.
            if (current?.ConfigDigest == imageId)
                references.Add(new PublishedReference($"{target}:{tag}", current.Digest, Pushed: false));
            else
                toPush.Add(tag);
        }

        if (toPush.Count == 0)
            _log($"Nothing to push: {target} already has image {DockerImages.ShortId(imageId)} under {string.Join(", ", request.Tags)}.");

        foreach (var tag in toPush)
        {
            var reference = $"{target}:{tag}";
            await docker.Images.TagImageAsync(imageId, new ImageTagParameters { RepositoryName = target, Tag = tag }, ct);
            _log($"Pushing {reference} (image {DockerImages.ShortId(imageId)})");
            await PushAsync(request, reference, ct);
            var pushed = await registry.GetManifestAsync(request.Repository, tag, ct)
                         ?? throw new RegistryException(RegistryErrorKind.Protocol, request.Registry.HostAndPort,
                             $"Registry {request.Registry} accepted the push of {reference} but has no manifest for it afterwards.");
            if (pushed.ConfigDigest is not null && pushed.ConfigDigest != imageId)
                throw new RegistryException(RegistryErrorKind.Protocol, request.Registry.HostAndPort,
                    $"Registry {request.Registry} serves {reference} with config {pushed.ConfigDigest}, not the pushed image {imageId} (another push raced this one?).");
            references.Add(new PublishedReference(reference, pushed.Digest, Pushed: true));
        }

        var ordered = request.Tags.Select(t => references.Single(r => r.Reference == $"{target}:{t}")).ToList();
        foreach (var reference in ordered) _log($"  {reference}");
        return new PublishResult(imageId, ordered);
    }

    private async Task PushAsync(PublishRequest request, string reference, CancellationToken ct)
    {
        // Push errors (denied, unreachable) arrive inside the progress stream, not as a status code.
        string? error = null;
        var progress = new InlineProgress<JSONMessage>(m => error ??= m.Error?.Message is { Length: > 0 } e ? e : null);
        try
        {
            await docker.Images.PushImageAsync(reference, new ImagePushParameters(),
                request.Credentials?.ToAuthConfig(request.Registry) ?? new AuthConfig(), progress, ct);
        }
        catch (DockerApiException e)
        {
            error = e.ResponseBody is { Length: > 0 } body ? body.Trim() : e.Message;
        }
        if (error is not null)
        {
            // The engine's words, minus anything that could echo a credential back.
            var said = request.Credentials?.Scrub(error) ?? error;
            var kind = said.Contains("unauthorized", StringComparison.OrdinalIgnoreCase) || said.Contains("denied", StringComparison.OrdinalIgnoreCase)
                ? RegistryErrorKind.Unauthorized : RegistryErrorKind.PushFailed;
            throw new RegistryException(kind, request.Registry.HostAndPort,
                $"Pushing {reference} to registry {request.Registry} failed: {said}" +
                (kind == RegistryErrorKind.Unauthorized ? ". Check REGISTRY_USERNAME / REGISTRY_PASSWORD and the account's push rights on " + request.Repository + "." : ""));
        }
    }

    private static void Validate(PublishRequest request)
    {
        if (!RepositoryPattern().IsMatch(request.Repository))
            throw new ArgumentException($"'{request.Repository}' is not a valid repository name: lower-case letters, digits and separators (. _ -) in path components, e.g. 'creditrobot' or 'team/creditrobot'.");
        if (request.Tags.Count == 0)
            throw new ArgumentException("Nothing to publish: the tag list is empty.");
        foreach (var tag in request.Tags)
            if (!TagPattern().IsMatch(tag))
                throw new ArgumentException($"'{tag}' is not a valid Docker tag ([A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}}; no '+').");
    }


    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
