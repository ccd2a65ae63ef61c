using DockerEngine;
using Spectre.Console;

namespace Images;

/// <summary>Builds the repository's Dockerfile through the Engine API with build args, OCI labels and tags.</summary>
public static class AppImage
{
    public static async Task<AppImageResult> BuildAsync(DockerClient docker, AppImageOptions options, IAnsiConsole console,
        CancellationToken ct = default)
    {
        var context = BuildContext.FromDirectory(options.ContextDirectory, options.Dockerfile);
        foreach (var file in options.ExtraFiles)
            context = context.WithFile(file);
        var request = new BuildImageRequest
        {
            Tags = options.Tags,
            BuildArgs = new Dictionary<string, string>
            {
                ["SDK_IMAGE"] = options.SdkImage,
                ["RUNTIME_IMAGE"] = options.RuntimeImage,
            },
            Labels = Labels(options),
            NoCache = options.NoCache,
        };
        var result = await BuildDisplay.RunAsync(console, $"Building {options.Tags[0]}",
            p => docker.Images.BuildAsync(context, request, p, ct));
        var image = await docker.Images.InspectAsync(result.ImageId, ct);
        var built = new AppImageResult(image.Id, options.Tags, image.Size, image.LayerCount, result.Steps, result.CachedSteps, result.Duration);
        console.MarkupLine($"[bold green]Image[/] {Markup.Escape(string.Join(", ", options.Tags))}  id [bold]{built.ShortId}[/]  " +
                           $"size [bold]{BuildDisplay.Megabytes(built.SizeBytes)}[/]  layers [bold]{built.Layers}[/]  " +
                           $"[grey]({built.Steps} steps, {built.CachedSteps} cached, {built.Duration.TotalSeconds:0.0} s)[/]");
        return built;
    }

    /// <summary>OCI annotations plus the project label every resource of ours carries.</summary>
    public static IReadOnlyDictionary<string, string> Labels(AppImageOptions options)
    {
        var labels = new Dictionary<string, string>
        {
            [ProjectLabels.Name] = ProjectLabels.Value,
            ["org.opencontainers.image.title"] = options.Title,
            ["org.opencontainers.image.version"] = options.Version,
            ["org.opencontainers.image.created"] = (options.Created ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        if (options.Revision is { Length: > 0 } revision)
            labels["org.opencontainers.image.revision"] = revision;
        if (options.Source is { Length: > 0 } source)
            labels["org.opencontainers.image.source"] = source;
        foreach (var (key, value) in options.ExtraLabels ?? new Dictionary<string, string>())
            labels[key] = value;
        return labels;
    }
}
