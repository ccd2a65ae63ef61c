using Docker.DotNet;
using Docker.DotNet.Models;

namespace Containers;

/// <summary>Small helpers every image-handling caller needs.</summary>
public static class DockerImages
{
    /// <summary>An image or container id as the docker CLI prints it (12 hex digits); a name stays as it is.</summary>
    public static string ShortId(string id)
    {
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length == 64 ? hex[..12] : id;
    }

    /// <summary>Inspects an image; null when the engine has no image of that name or id.</summary>
    public static async Task<ImageInspectResponse?> TryInspectImageAsync(this IDockerClient docker, string image, CancellationToken ct = default)
    {
        try { return await docker.Images.InspectImageAsync(image, ct); }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }

    /// <summary>
    /// Null when pulled (for <paramref name="platform"/>, "linux/arm64", when given; else the engine's); else why not,
    /// in the registry's last words ("no such host"). Silence for <paramref name="quiet"/> aborts; progress keeps it alive.
    /// </summary>
    public static async Task<string?> TryPullAsync(this IDockerClient docker, string image, TimeSpan quiet, CancellationToken ct = default,
        string? platform = null)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
        watchdog.CancelAfter(quiet);
        string? error = null;
        var alive = new InlineProgress<JSONMessage>(m =>
        {
            watchdog.CancelAfter(quiet);
            error ??= m.Error?.Message is { Length: > 0 } e ? e : null;
        });
        try
        {
            await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image, Platform = platform }, null, alive, watchdog.Token);
            return error is null ? null : LastPart(error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer from the registry within {quiet.TotalSeconds:0} s";
        }
        catch (DockerApiException e)
        {
            return LastPart(EngineMessage(e));
        }
    }

    /// <summary>The engine's own words from an API error body ({"message": "…"}), else the exception's.</summary>
    public static string EngineMessage(DockerApiException e)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(e.ResponseBody ?? "");
            if (json.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (System.Text.Json.JsonException) { }
        return e.ResponseBody is { Length: > 0 } body ? body.Trim() : e.Message;
    }

    // "Get https://…: dial tcp: lookup host on 10.0.0.53:53: no such host" -> "no such host"
    private static string LastPart(string message) => message[(message.LastIndexOf(": ", StringComparison.Ordinal) + 1)..].Trim();

    /// <summary>Points <paramref name="reference"/> (repository[:tag], latest when none) at <paramref name="imageId"/>.</summary>
    public static Task TagAsync(this IDockerClient docker, string imageId, string reference, CancellationToken ct = default)
    {
        var colon = reference.LastIndexOf(':');
        return docker.Images.TagImageAsync(imageId, colon > reference.LastIndexOf('/')
            ? new ImageTagParameters { RepositoryName = reference[..colon], Tag = reference[(colon + 1)..] }
            : new ImageTagParameters { RepositoryName = reference, Tag = "latest" }, ct);
    }
}
