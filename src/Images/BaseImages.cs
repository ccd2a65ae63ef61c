using System.Diagnostics;
using DockerEngine;
using Spectre.Console;

namespace Images;

/// <summary>
/// Makes the base images available: the requested image if present, else a pull, else (air-gapped) a local
/// equivalent bootstrapped from Debian packages and the host's SDK. A second run with the same inputs only
/// inspects labels and says "up to date".
/// </summary>
public static class BaseImages
{
    public const string RoleLabel = "com.creditrobot.bootstrap";

    public static async Task<BaseImageSet> EnsureAsync(DockerClient docker, BaseImageOptions options, IAnsiConsole console,
        CancellationToken ct = default)
    {
        var bootstrapper = new Bootstrapper(docker, options, console);
        var sdk = await ResolveAsync(docker, options, console, "sdk", options.SdkImage, bootstrapper.SdkAsync, ct);
        var runtime = await ResolveAsync(docker, options, console, "runtime-deps", options.RuntimeImage,
            c => bootstrapper.FromRecipeAsync("runtime-deps", c), ct);
        var postgres = options.PostgresImage is null ? null
            : await ResolveAsync(docker, options, console, "postgres", options.PostgresImage,
                c => bootstrapper.FromRecipeAsync("postgres", c), ct);
        var registry = options.RegistryImage is null ? null
            : await ResolveAsync(docker, options, console, "registry", options.RegistryImage,
                c => bootstrapper.FromRecipeAsync("registry", c), ct);
        return new BaseImageSet(sdk, runtime, postgres, registry);
    }

    private static async Task<ResolvedImage> ResolveAsync(DockerClient docker, BaseImageOptions options, IAnsiConsole console,
        string role, string requested, Func<CancellationToken, Task<(string Name, string Id, BaseImageSource Source)>> bootstrap,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? fallbackReason = null;
        ResolvedImage Done(string name, string id, BaseImageSource source)
        {
            var how = source switch
            {
                BaseImageSource.Present => "present",
                BaseImageSource.Pulled => "pulled",
                BaseImageSource.UpToDate => "bootstrapped earlier, up to date",
                _ => "bootstrapped now",
            };
            var instead = fallbackReason is null ? "" : $"; instead of {requested}: {fallbackReason}";
            console.MarkupLine($"[bold]{role,-13}[/] {Markup.Escape(name)} [grey]({how}, {clock.Elapsed.TotalSeconds:0.0} s{Markup.Escape(instead)})[/]");
            return new ResolvedImage(role, requested, name, id, source, clock.Elapsed);
        }

        try
        {
            return Done(requested, (await docker.Images.InspectAsync(requested, ct)).Id, BaseImageSource.Present);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
        {
        }

        var pullFailure = await TryPullAsync(docker, requested, options.PullTimeout, ct);
        if (pullFailure is null)
            return Done(requested, (await docker.Images.InspectAsync(requested, ct)).Id, BaseImageSource.Pulled);

        fallbackReason = $"not present, pull failed ({pullFailure})";
        var (name, id, source) = await bootstrap(ct);
        return Done(name, id, source);
    }

    /// <summary>Null when pulled; else why not. Silence for <paramref name="quiet"/> aborts; progress keeps it alive.</summary>
    private static async Task<string?> TryPullAsync(DockerClient docker, string image, TimeSpan quiet, CancellationToken ct)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
        watchdog.CancelAfter(quiet);
        var alive = new InlineProgress<string>(_ => watchdog.CancelAfter(quiet));
        try
        {
            await docker.Images.PullAsync(image, timeout: TimeSpan.FromHours(1), progress: alive, ct: watchdog.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer from the registry within {quiet.TotalSeconds:0} s";
        }
        catch (DockerEngineException e) when (e.Kind != DockerErrorKind.Unreachable)
        {
            // "Get https://…: dial tcp: lookup host on 10.0.0.53:53: no such host" -> "no such host"
            var message = e.EngineMessage ?? e.Message;
            return message[(message.LastIndexOf(": ", StringComparison.Ordinal) + 1)..].Trim();
        }
    }
}
