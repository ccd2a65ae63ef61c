using Containers;
using Docker.DotNet;
using Images;
using Publishing.Attestations;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Signing;
using Publishing.Versioning;
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

    /// <summary>SBOM, provenance and signature of the pushed digest: written to artifacts/attestations, pushed beside the image, verified back.</summary>
    async Task AttachProofsAsync(IDockerClient docker, RegistryAddress registry, RegistryCredentials? credentials, PublishResult pushed,
        AppImageResult image, SigningKey signingKey, DateTimeOffset startedOn, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (git, bases) = (await GitAsync(ct), await BaseImagesAsync(ct));
        var subject = new AttestationSubject($"{registry}/{Repository}", pushed.References[0].Digest);
        var lockFile = RootDirectory / "src" / "CreditRobot" / "packages.lock.json";
        var packagesFolder = EnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var debian = await ImageDpkgRecords.ReadAsync(docker, image.ImageId, ct);
        if (debian.Count == 0)
            Log.Warn($"{bases.Runtime.Name} has no dpkg records (var/lib/dpkg/status or status.d): the SBOM lists no Debian packages.");
        var sbom = CycloneDxSbom.Write(subject, NuGetLockFile.Read(lockFile, packagesFolder), debian, SourceDate(git) ?? startedOn, "1");
        var provenance = SlsaProvenance.Write(new ProvenanceFacts
        {
            Subject = subject,
            BuildType = (git.SourceUrl is { } url ? $"{url}/blob/main/docs/provenance.md" : "urn:creditrobot:docs:provenance") + "#build-type-v1",
            Targets = [nameof(Publish)],
            Parameters =
            [
                new("ImageName", ImageName, false), new("Registry", registry.ToString(), false), new("Repository", Repository, false),
                new("SdkImage", SdkImage, false), new("RuntimeImage", RuntimeImage, false), new("RegistryUsername", RegistryUsername, false),
                new("RegistryPassword", RegistryPassword, true), new("SigningKey", SigningKey, true), new("SigningKeyPassword", SigningKeyPassword, true),
            ],
            Commit = git.Sha,
            Remote = git.SourceUrl,
            Branch = git.Branch,
            Internal = new Dictionary<string, string>
            {
                ["platform"] = "linux/amd64", ["imageId"] = image.ImageId,
                ["sourceDateEpoch"] = (SourceDate(git) ?? startedOn).ToUnixTimeSeconds().ToString(),
            },
            Dependencies =
            [
                new("sdk image " + bases.Sdk.Name, null, ImageDigest(bases.Sdk.Id)),
                new("runtime base image " + bases.Runtime.Name, null, ImageDigest(bases.Runtime.Id)),
                new("src/CreditRobot/packages.lock.json", null, new Dictionary<string, string> { ["sha256"] = Sha256File(lockFile) }),
            ],
            Builder = ProvenanceBuilder.FromEnvironment(EnvironmentVariable),
            StartedOn = startedOn,
            FinishedOn = DateTimeOffset.UtcNow,
        });
        var directory = ArtifactsDirectory / "attestations";
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(directory / "sbom.cdx.json", sbom, ct);
        await File.WriteAllBytesAsync(directory / "provenance.intoto.json", provenance, ct);
        await File.WriteAllTextAsync(directory / LocalKeyPair.PublicKeyFile, signingKey.PublicKeyPem, ct);

        using var client = new RegistryClient(registry, credentials);
        var tags = await CosignAttachments.PushAsync(client, Repository, subject, signingKey, sbom, provenance, ct);
        var problems = await CosignAttachments.VerifyAsync(client, Repository, subject.Digest, signingKey.PublicKeyPem, ct);
        if (problems.Count > 0)
            throw new BuildException($"{subject.Name}@{subject.Digest}: the attachments just pushed do not verify: {string.Join("; ", problems)}");
        Log.Info($"Attached {tags.Signature}, {tags.Attestations}, {tags.Sbom} ({clock.Elapsed.TotalSeconds:0.0} s); copies in artifacts/attestations");
        Summary.Note($"signed, SBOM + provenance attached ({clock.Elapsed.TotalSeconds:0.0} s)");
    }

    static Dictionary<string, string> ImageDigest(string id) => new() { ["sha256"] = id.Replace("sha256:", "") };

    static string Sha256File(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
