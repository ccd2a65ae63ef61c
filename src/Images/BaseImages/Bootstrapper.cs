using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;
using Images.Build;

namespace Images;

/// <summary>
/// Builds the local equivalents of the official base images from the recipes in <c>images/</c>: a debootstrapped
/// Debian base, and on top of it the SDK (host SDK + host CA certificates), the distroless runtime-deps,
/// PostgreSQL and registry images. Each image is labelled with the hash of its inputs and skipped when current.
/// </summary>
internal sealed class Bootstrapper(IDockerClient docker, BaseImageOptions options, IProgress<BuildProgress>? progress)
{
    private Task<(string Tag, string Hash)>? _debian;
    private string? _mirror;

    private string Mirror => _mirror ??= AptSources.MirrorFor(options.Suite, options.AptDirectory);

    private string Tag(string name, string tag) => $"{options.BootstrapRepositoryPrefix}{name}:{tag}";

    /// <summary>The name the bootstrapped image of <paramref name="role"/> has (sdk: per host SDK version, others: per suite).</summary>
    public string TagFor(string role) =>
        role == "sdk" ? Tag("sdk", DotnetInstallation.Detect(options.DotnetRoot).SdkVersion) : Tag(role, options.Suite);

    private string Recipe(string name)
    {
        var dir = Path.Combine(options.RecipesDirectory, name);
        return Directory.Exists(dir) ? dir
            : throw new ImagesException($"Recipe directory {dir} is missing; it holds the Dockerfile for the local {name} image.");
    }

    /// <summary>The Debian base all other bootstrapped images start FROM (built once per run at most).</summary>
    private Task<(string Tag, string Hash)> DebianAsync(CancellationToken ct) => _debian ??= BuildDebianAsync(ct);

    private async Task<(string Tag, string Hash)> BuildDebianAsync(CancellationToken ct)
    {
        var recipe = Recipe("debian");
        var hash = new InputsHash().AddDirectory("recipe", recipe).Add("suite", options.Suite).Add("mirror", Mirror)
            .Add("packages", string.Join(',', Debootstrap.ExtraPackages)).Add("variant", "minbase").Value;
        var tag = Tag("debian", options.Suite);
        if (await CurrentIdAsync("debian", tag, hash, ct) is not null)
            return (tag, hash);

        var stage = Path.Combine(options.TempDirectory, $"debian-{options.Suite}-{hash[..12]}");
        Directory.CreateDirectory(stage);
        File.Copy(Path.Combine(recipe, "Dockerfile"), Path.Combine(stage, "Dockerfile"), overwrite: true);
        await Debootstrap.RootfsTarAsync(options.HostTools, options.Suite, Mirror, stage,
            new InlineProgress<string>(m => progress?.Report(new BuildProgress(BuildProgressKind.Note, "  " + m))), ct);
        await BuildAsync("debian", tag, hash, stage, null, ct);
        return (tag, hash);
    }

    public async Task<(string Name, string Id, BaseImageSource Source)> SdkAsync(CancellationToken ct)
    {
        var (debianTag, debianHash) = await DebianAsync(ct);
        var recipe = Recipe("sdk");
        var dotnet = DotnetInstallation.Detect(options.DotnetRoot);
        var certificates = ImageAudit.HostCertificates(options.ExtraCaDirectory);
        var inputs = new InputsHash().AddDirectory("recipe", recipe).Add("base", debianHash)
            .Add("sdk", dotnet.SdkVersion).Add("runtimes", string.Join(',', dotnet.Runtimes));
        foreach (var certificate in certificates)
            inputs.AddFile("ca/" + Path.GetRelativePath(options.ExtraCaDirectory, certificate), certificate);
        var hash = inputs.Value;
        var tag = Tag("sdk", dotnet.SdkVersion);
        if (await CurrentIdAsync("sdk", tag, hash, ct) is { } id)
            return (tag, id, BaseImageSource.UpToDate);

        // The context is staged on disk: the SDK as one tarball (ADD unpacks it) and the CA files as they are.
        // Per process: a concurrent run (another test project) must not delete this one's context.
        var stage = Path.Combine(options.TempDirectory, $"sdk-context-{Environment.ProcessId}");
        if (Directory.Exists(stage))
            Directory.Delete(stage, recursive: true);
        Directory.CreateDirectory(Path.Combine(stage, "certs"));
        try
        {
            foreach (var file in Directory.EnumerateFiles(recipe))
                File.Copy(file, Path.Combine(stage, Path.GetFileName(file)));
            foreach (var certificate in certificates)
                File.Copy(certificate, Path.Combine(stage, "certs", Path.GetFileName(certificate)), overwrite: true);
            progress?.Report(new BuildProgress(BuildProgressKind.Note, $"  packing the host's .NET SDK {dotnet.SdkVersion} from {dotnet.Root}"));
            await TarTree.CreateFileAsync(dotnet.Root, Path.Combine(stage, "dotnet.tar"), _ => false, ct);
            var built = await BuildAsync("sdk", tag, hash, stage, new Dictionary<string, string> { ["BASE_IMAGE"] = debianTag }, ct);
            return (tag, built, BaseImageSource.Bootstrapped);
        }
        finally
        {
            Directory.Delete(stage, recursive: true);
        }
    }

    /// <summary>runtime-deps, postgres, registry: a recipe directory built FROM the Debian base.</summary>
    public async Task<(string Name, string Id, BaseImageSource Source)> FromRecipeAsync(string name, CancellationToken ct)
    {
        var (debianTag, debianHash) = await DebianAsync(ct);
        var recipe = Recipe(name);
        var hash = new InputsHash().AddDirectory("recipe", recipe).Add("base", debianHash).Value;
        var tag = Tag(name, options.Suite);
        if (await CurrentIdAsync(name, tag, hash, ct) is { } id)
            return (tag, id, BaseImageSource.UpToDate);
        var built = await BuildAsync(name, tag, hash, recipe, new Dictionary<string, string> { ["BASE_IMAGE"] = debianTag }, ct);
        return (tag, built, BaseImageSource.Bootstrapped);
    }

    /// <summary>
    /// The image id when <paramref name="tag"/> exists with the same inputs hash and the labels its role gets (the hash
    /// label, or for the runtime base no bookkeeping labels and the <see cref="HashTag"/>); null when it must be built.
    /// </summary>
    private async Task<string?> CurrentIdAsync(string role, string tag, string hash, CancellationToken ct)
    {
        if (await docker.TryInspectImageAsync(tag, ct) is not { } image)
            return null;
        var labels = image.Config?.Labels ?? new Dictionary<string, string>();
        var recorded = labels.TryGetValue(InputsHash.Label, out var value) ? value : null;
        if (Labels(role, tag, hash).ContainsKey(InputsHash.Label))
            return recorded == hash ? image.ID : null;
        return recorded is null && (await docker.TryInspectImageAsync(HashTag(tag, hash), ct))?.ID == image.ID ? image.ID : null;
    }

    /// <summary>repo:inputs-&lt;hash&gt;, the inputs record of an image whose labels would be inherited (see <see cref="Labels"/>).</summary>
    private static string HashTag(string tag, string hash) => $"{tag[..tag.LastIndexOf(':')]}:inputs-{hash[..16]}";

    /// <summary>
    /// Labels of a bootstrapped image. The runtime base is what the app's final stage starts FROM, and an image
    /// inherits its base's labels: it carries only the project label (its inputs hash is a tag instead), so the
    /// app image shows its own labels and not "bootstrapped locally".
    /// </summary>
    private Dictionary<string, string> Labels(string role, string tag, string hash) => role == "runtime-deps"
        ? new() { [ProjectLabels.Name] = ProjectLabels.Value }
        : new()
        {
            [ProjectLabels.Name] = ProjectLabels.Value,
            [BaseImages.RoleLabel] = role,
            [InputsHash.Label] = hash,
            ["org.opencontainers.image.title"] = tag,
            ["org.opencontainers.image.description"] = $"Bootstrapped locally from Debian {options.Suite} ({Mirror})",
        };

    private async Task<string> BuildAsync(string role, string tag, string hash, string contextDirectory,
        IReadOnlyDictionary<string, string>? buildArgs, CancellationToken ct)
    {
        var previous = (await docker.TryInspectImageAsync(tag, ct))?.ID;
        var labels = Labels(role, tag, hash);
        progress?.Report(new BuildProgress(BuildProgressKind.Started, $"Bootstrapping {tag}"));
        var result = await ImageBuild.RunAsync(docker, BuildContext.FromDirectory(contextDirectory), new ImageBuildParameters
        {
            Tags = labels.ContainsKey(InputsHash.Label) ? [tag] : [tag, HashTag(tag, hash)],
            BuildArgs = buildArgs?.ToDictionary(),
            Labels = labels,
        }, progress, ct);

        // The replaced image is now untagged (or only under its old inputs tag); drop it unless something still uses it.
        if (previous is not null && previous != result.ImageId)
        {
            try { await docker.Images.DeleteImageAsync(previous, new ImageDeleteParameters { Force = true }, ct); }
            catch (DockerApiException) { }
        }
        return result.ImageId;
    }
}
