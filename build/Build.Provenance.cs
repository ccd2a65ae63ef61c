using Containers;
using Docker.DotNet;
using Images;
using Publishing.Attestations;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Signing;
using Publishing.Versioning;
using Publishing.Verification;
using Images.Platforms;
using TypedBuild;

/// <summary>What makes the image provable: the source date its bytes carry; the SBOM, provenance and signature Publish pushes beside it.</summary>
internal sealed partial class Build
{
    [Parameter("Publish: the ECDSA P-256 private key (PEM, PKCS#8) that signs the image and its attestations; locally, when empty, " +
               "a key pair made once in .nuke/temp/signing"), Secret]
    readonly string? SigningKey = null;

    [Parameter("Publish: the password of an encrypted --signing-key"), Secret]
    readonly string? SigningKeyPassword = null;

    /// <summary>
    /// The time the image's files, config and labels carry: SOURCE_DATE_EPOCH (the reproducible-builds convention,
    /// seconds since 1970) when set, else the commit's time, so the same commit gives the same image id.
    /// </summary>
    DateTimeOffset? SourceDate(GitFacts git)
    {
        if (EnvironmentVariable("SOURCE_DATE_EPOCH") is not { Length: > 0 } raw)
            return git.CommitTime;
        return long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new UsageException($"SOURCE_DATE_EPOCH={raw}: expected whole seconds since 1970-01-01 UTC, e.g. {git.CommitTime?.ToUnixTimeSeconds()} (this commit's time)");
    }

    /// <summary>The key Publish signs with; checked before anything is pushed. On CI a missing key is a usage error.</summary>
    SigningKey PublishSigningKey()
    {
        if (SigningKey is { Length: > 0 } pem)
        {
            try { return Publishing.Signing.SigningKey.FromPrivateKeyPem(pem, SigningKeyPassword, "--signing-key (SIGNING_KEY)"); }
            catch (AttestationException e) { throw new UsageException(e.Message); }
        }
        if (IsServerBuild)
            throw new UsageException("Publish on CI needs --signing-key (SIGNING_KEY, a secret): an ECDSA P-256 private key as PEM; " +
                                     "make one locally (./build.sh Publish writes .nuke/temp/signing/cosign.key) and publish its cosign.pub.");
        var directory = RootDirectory / ".nuke" / "temp" / "signing";
        var local = LocalKeyPair.Ensure(directory, out var created);
        Log.Info($"Signing with the local key pair {directory / LocalKeyPair.PrivateKeyFile}{(created ? " (made now)" : "")}; " +
                 $"verify with {directory / LocalKeyPair.PublicKeyFile}");
        return local;
    }

    /// <summary>
    /// SBOM, provenance and signature of every pushed manifest: the image, or the index and each platform's manifest (each
    /// SBOM lists that image's own Debian packages, each provenance its own platform and base images). Written to
    /// artifacts/attestations, pushed beside the manifest, and verified back from the registry as Verify checks them.
    /// </summary>
    async Task AttachProofsAsync(IDockerClient docker, RegistryAddress registry, RegistryCredentials? credentials, PublishResult pushed,
        AppImageResult image, SigningKey signingKey, DateTimeOffset startedOn, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (git, bases) = (await GitAsync(ct), await BaseImagesAsync(ct));
        var host = (ImagePlatform.Host ?? ImagePlatform.LinuxAmd64).ToString();
        var lockFile = RootDirectory / "src" / "CreditRobot" / "packages.lock.json";
        var packagesFolder = EnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var nuget = NuGetLockFile.Read(lockFile, packagesFolder);
        var name = $"{registry}/{Repository}";
        var proofs = new BuildProvenance(git, registry.ToString(), Sha256File(lockFile), ParameterValues(), SourceDate(git) ?? startedOn,
            PublishTags.From(git).Version, ProvenanceBuilder.FromEnvironment(EnvironmentVariable), startedOn);
        var directory = ArtifactsDirectory / "attestations";
        using var client = new RegistryClient(registry, credentials);
        var isIndex = pushed.Platforms.Count > 0;
        var allDebian = new List<SbomComponent>();
        var allBases = new List<BaseImageUsed>();
        foreach (var platform in isIndex ? pushed.Platforms : [new PublishedPlatform(host, pushed.References[0].Digest, image.ImageId)])
        {
            var (sdk, runtime) = platform.Platform == host ? (bases.Sdk, bases.Runtime)
                : PlatformBases.TryGetValue(platform.Platform, out var built) ? built
                : throw new BuildException($"{platform.Platform}: the base images its image was built from are unknown (PlatformImages did not run).");
            var debian = await ImageDpkgRecords.ReadAsync(docker, platform.ImageId, ct);
            if (debian.Count == 0)
                Log.Warn($"{runtime.Name} ({platform.Platform}) has no dpkg records (var/lib/dpkg/status or status.d): its SBOM lists no Debian packages.");
            allDebian.AddRange(debian);
            var used = new BaseImageUsed[] { new(platform.Platform, "sdk", sdk.Name, sdk.Id), new(platform.Platform, "runtime", runtime.Name, runtime.Id) };
            allBases.AddRange(used);
            var subject = new AttestationSubject(name, platform.Digest);
            await AttachAsync(client, subject, CycloneDxSbom.Write(subject, nuget, debian, proofs.SourceDate, "1"),
                proofs.Write(subject, platform.Platform, platform.ImageId, used),
                isIndex ? directory / platform.Platform.Replace('/', '-') : directory, signingKey, ct);
        }
        if (isIndex)
        {
            var subject = new AttestationSubject(name, pushed.References[0].Digest);
            var debian = allDebian.DistinctBy(c => c.Purl).OrderBy(c => c.Purl, StringComparer.Ordinal).ToList();
            await AttachAsync(client, subject, CycloneDxSbom.Write(subject, nuget, debian, proofs.SourceDate, "1"),
                proofs.Write(subject, string.Join(",", pushed.Platforms.Select(p => p.Platform)), null, allBases), directory, signingKey, ct);
        }
        await File.WriteAllTextAsync(directory / LocalKeyPair.PublicKeyFile, signingKey.PublicKeyPem, ct);
        var count = isIndex ? pushed.Platforms.Count + 1 : 1;
        // The one-line total the benchmark reads (bench/Benchmark PipelineTimings.AttachedSeconds).
        Log.Info(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Attestations: {clock.Elapsed.TotalSeconds:0.0} s ({count} manifest(s), SBOM + provenance + signature each); copies in artifacts/attestations"));
        Summary.Note($"{count} manifest(s) signed, SBOM + provenance attached ({clock.Elapsed.TotalSeconds:0.0} s)");
    }

    /// <summary>One manifest's proofs: written to <paramref name="directory"/>, pushed beside it, read back and checked as Verify does.</summary>
    async Task AttachAsync(RegistryClient client, AttestationSubject subject, byte[] sbom, byte[] provenance, AbsolutePath directory,
        SigningKey signingKey, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(directory / "sbom.cdx.json", sbom, ct);
        await File.WriteAllBytesAsync(directory / "provenance.intoto.json", provenance, ct);
        var tags = await CosignAttachments.PushAsync(client, Repository, subject, signingKey, sbom, provenance, ct);
        var verdict = await new AttachmentVerifier(client, Repository, signingKey.PublicKeyPem).VerifyAsync(subject.Digest, subject.Digest, ct);
        if (verdict.Checks.FirstOrDefault(c => c.Outcome != CheckOutcome.Passed) is { } failed)
            throw new BuildException($"{subject.Name}@{subject.Digest}: the attachments just pushed do not verify: {failed.Check}: {failed.Detail}");
        Log.Info($"  {subject.Digest[..19]}: {tags.Signature}, {tags.Attestations}, {tags.Sbom}");
    }

    static string Sha256File(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
