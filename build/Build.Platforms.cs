using Containers;
using Images;
using Images.Platforms;
using TypedBuild;

/// <summary>
/// Images for platforms other than the host's (linux/arm64 on this amd64 machine): cross-compiled by the same
/// Dockerfile (TARGETARCH), on a runtime base of that architecture, audited and checked like the host's image, and
/// smoke-tested under qemu user-mode emulation. Publish depends on them; SmokeTest does not (the edit loop stays
/// host-only).
/// </summary>
partial class Build
{
    [Parameter("Platforms Publish builds, smoke-tests and pushes, comma-separated (default linux/amd64,linux/arm64); " +
               "SmokeTest always tests the host's only. The host's platform must be one of them")]
    readonly string Platforms = string.Join(",", ImagePlatform.Supported);

    /// <summary>Products of PlatformImages: each other platform's image, as built and checked.</summary>
    readonly List<(ImagePlatform Platform, AppImageResult Image, PlatformCheckResult Check)> PlatformImagesBuilt = [];

    /// <summary>The SDK and runtime base each other platform's image was built from (its provenance records them).</summary>
    readonly Dictionary<string, (ResolvedImage Sdk, ResolvedImage Runtime)> PlatformBases = [];

    /// <summary>The --platforms list without the host's platform (whose image the Image target builds).</summary>
    IReadOnlyList<ImagePlatform> OtherPlatforms
    {
        get
        {
            var host = ImagePlatform.Host ?? throw new UsageException(
                $"--platforms: this machine's architecture ({System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}) is none of " +
                $"{string.Join(", ", ImagePlatform.Supported)}, so there is no host image to smoke-test first.");
            // ParameterChecks refused a bad list (PlatformsProblem) before any target ran.
            return [.. ImagePlatform.ParseList(Platforms, "--platforms").Platforms.Where(p => p != host)];
        }
    }

    /// <summary>What is wrong with --platforms, or null: a ParameterCheck, so a bad list stops the build before any target runs.</summary>
    string? PlatformsProblem()
    {
        var (platforms, error) = ImagePlatform.ParseList(Platforms, "--platforms");
        return error ?? (ImagePlatform.Host is not { } host || platforms.Contains(host) ? null
            : $"--platforms {Platforms}: the host's platform {host} must be one of them (its image is the one SmokeTest proves).");
    }

    Target PlatformImages => _ => _
        .Description("Cross-compile the image for each --platforms entry other than the host's (Dockerfile TARGETARCH, no emulation); " +
                     "audit it and check that its config and its binary's ELF header name that platform")
        .DependsOn(BaseImages, ServerConfig)
        .After(Image)
        .Executes(async ct =>
        {
            var docker = await DockerAsync(ct);
            foreach (var platform in OtherPlatforms)
            {
                var sdk = await BuildDisplay.RunAsync(Log.Console, async p =>
                    await PlatformBaseImages.CrossSdkAsync(docker, BaseImageOptions, (await BaseImagesAsync(ct)).Sdk, platform, p, ct));
                var runtime = await BuildDisplay.RunAsync(Log.Console, p => PlatformBaseImages.RuntimeAsync(docker, BaseImageOptions, platform, p, ct));
                var built = await BuildAppImageAsync(variant: null, NoCache, ct, platform, sdk.Name, runtime.Name);
                var check = await PlatformCheck.EnforceAsync(docker, built.Image, platform, ct);
                var audit = await ImageAudit.EnforceAsync(docker, built.Image, cacheDirectory: RootDirectory / ".nuke" / "temp" / "audit", ct: ct);
                Log.Info($"{check}; {audit.Summary}");
                PlatformImagesBuilt.Add((platform, built, check));
                PlatformBases[platform.ToString()] = (sdk, runtime);
                Summary.Note($"{platform} {built.ShortId}, {BuildDisplay.Megabytes(built.SizeBytes)}, sdk {sdk.Source}, runtime {runtime.Source}, {check.Header}, audited");
            }
            if (PlatformImagesBuilt.Count == 0)
                Summary.Note("--platforms names only the host's platform");
        });

    Target PlatformSmokeTest => _ => _
        .Description("Run the smoke subset (tests/SmokeTests PlatformImageTests) against each PlatformImages image under qemu " +
                     "user-mode emulation (installs and registers qemu-user-static); emulated timings are no benchmark figures")
        .DependsOn(CompileSmokeTests, Image, PlatformImages)
        .Executes(async ct =>
        {
            var host = await AppImageAsync(ct);
            foreach (var (platform, image, _) in PlatformImagesBuilt)
            {
                var emulation = await Emulation.EnsureAsync(platform, ThisHost, new Progress<string>(Log.Info), ct);
                Log.Info($"{platform} runs here through {emulation}{InstalledHostTools()}");
                var result = await RunSmokeTestsAsync("FullyQualifiedName~SmokeTests.PlatformImageTests", new Dictionary<string, string?>
                {
                    [ProjectNames.AppImageVariable] = host.ImageId,
                    [ProjectNames.PlatformImageVariable] = image.ImageId,
                }, ct);
                Summary.Note($"{platform} {image.ShortId} under {emulation}: {result.Total}");
                result.ThrowIfFailed();
            }
        });

    /// <summary>
    /// Each platform's image under its own tag (&lt;version&gt;-&lt;arch&gt;, pushed by the engine), then one OCI index
    /// over them under every release tag (through the registry's API); each platform's manifest pulled back by digest.
    /// </summary>
    async Task<Publishing.Push.PublishResult> PublishIndexAsync(Docker.DotNet.IDockerClient docker, Publishing.Registry.RegistryAddress registry,
        Publishing.Registry.RegistryCredentials? credentials, AppImageResult hostImage, Publishing.Versioning.PublishTags tags, CancellationToken ct)
    {
        var publisher = new Publishing.Push.ImagePublisher(docker, Log.Info);
        var proof = new Publishing.Push.PullProof(docker, Log.Info);
        var manifests = new List<Publishing.Push.PlatformManifest>();
        var platforms = new List<Publishing.Push.PublishedPlatform>();
        using var client = new Publishing.Registry.RegistryClient(registry, credentials);
        foreach (var (platform, image) in new[] { (ImagePlatform.Host!, hostImage) }.Concat(PlatformImagesBuilt.Select(p => (p.Platform, p.Image))))
        {
            var tag = $"{tags.Version}-{platform.Architecture}";
            var pushed = (await publisher.PublishAsync(new Publishing.Push.PublishRequest
            {
                ImageId = image.ImageId, Registry = registry, Repository = Repository, Tags = [tag], Credentials = credentials,
            }, ct)).References[0];
            var manifest = await client.GetManifestAsync(Repository, pushed.Digest, ct)
                           ?? throw new BuildException($"{pushed.DigestReference} was pushed but the registry does not serve it.");
            if (await proof.PullByDigestAsync(pushed, credentials, ct) != image.ImageId)
                throw new BuildException($"{pushed.DigestReference} pulled back as another image than {image.ShortId} ({platform}).");
            manifests.Add(new Publishing.Push.PlatformManifest(platform.ToString(), manifest.Digest, manifest.MediaType, manifest.Size));
            platforms.Add(new Publishing.Push.PublishedPlatform(platform.ToString(), manifest.Digest, image.ImageId));
        }
        var index = await new Publishing.Push.ImageIndexPublisher(Log.Info).PublishAsync(registry, credentials, Repository, tags.Tags, manifests, hostImage.ImageId, ct);
        Summary.Note($"index {index.References[0].Digest[..19]}: " + string.Join(", ", manifests.Select(m => $"{m.Platform} {m.Digest[..19]}")));
        return index with { Platforms = platforms };
    }
}
