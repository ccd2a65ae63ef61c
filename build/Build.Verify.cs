using Containers;
using Images;
using Images.Platforms;
using Publishing.Attestations;
using Publishing.Registry;
using Publishing.Signing;
using Publishing.Verification;
using TypedBuild;
using AppImageBuilder = Images.AppImage;

/// <summary>
/// Verify: is a published image what this repository's Publish made from a commit? Its signature, provenance and SBOM
/// with a public key, then a rebuild from the recorded commit and parameters, compared with the published manifest.
/// </summary>
internal sealed partial class Build
{
    [Parameter("Verify: the image to verify, registry/repository:tag or registry/repository@sha256:…", Name = "Image")]
    readonly string? VerifyImage = null;

    [Parameter("Verify: the public key its signatures must verify with (cosign.pub: a file path or the PEM itself); " +
               "default .nuke/temp/signing/cosign.pub when it exists")]
    readonly string? VerifyKey = null;

    Target Verify => _ => _
        .Description("Check a published image: resolve it to a digest, verify the signature, provenance and SBOM of it (and of each " +
                     "platform manifest of an index) with --verify-key, rebuild it from the recorded commit in .nuke/temp/verify and " +
                     "prove the rebuild equals it; exit 1 naming what differs")
        .DependsOn(Engine)
        .Requires(() => VerifyImage, "--image registry/repository:tag (or @sha256:…)")
        .Executes(async ct =>
        {
            ImageReference reference;
            try { reference = ImageReference.Parse(VerifyImage!); }
            catch (ArgumentException e) { throw new UsageException($"--image: {e.Message}"); }
            var key = VerificationKey();
            using var client = new RegistryClient(reference.Registry, RegistryCredentials.FromParameters(RegistryUsername, RegistryPassword));
            VerificationReport report;
            try { report = await new ImageVerification(client, await DockerAsync(ct), key).RunAsync(reference, RebuildAsync, ct); }
            catch (ArgumentException e) { throw new UsageException($"--image: {e.Message}"); }
            catch (RegistryException e) when (e.Kind is RegistryErrorKind.Unreachable or RegistryErrorKind.Unauthorized)
            {
                throw new UsageException($"--image {reference}: {e.Message.Split(" Check ")[0]}");
            }

            var width = report.Checks.Max(c => c.Subject.Length);
            Log.Info($"Verdict for {report.Reference} ({report.Digest}):");
            foreach (var check in report.Checks)
                Log.Info($"  {Mark(check.Outcome)} {check.Subject.PadRight(width)}  {check.Check,-10} {check.Detail}");
            var failed = report.Checks.Where(c => c.Outcome == CheckOutcome.Failed).ToList();
            if (failed.Count > 0)
                throw new BuildException($"{report.Reference} does NOT verify: " +
                                         string.Join("; ", failed.Select(c => $"{c.Subject} {c.Check}: {c.Detail}")));
            var notDone = report.Checks.Count(c => c.Outcome == CheckOutcome.NotDone);
            Summary.Note($"{report.Digest[..19]} verified: {report.Checks.Count - notDone} checks passed" + (notDone > 0 ? $", {notDone} not done (see the verdict)" : ""));
        });

    static string Mark(CheckOutcome outcome) => outcome switch { CheckOutcome.Passed => "ok  ", CheckOutcome.Failed => "FAIL", _ => "--  " };

    /// <summary>The public key's PEM, from --verify-key (a path or the PEM) or the local key pair; a usage error says what to pass.</summary>
    string VerificationKey()
    {
        var local = RootDirectory / ".nuke" / "temp" / "signing" / LocalKeyPair.PublicKeyFile;
        var (pem, source) = VerifyKey switch
        {
            { Length: > 0 } text when text.Contains("-----BEGIN", StringComparison.Ordinal) => (text, "--verify-key"),
            { Length: > 0 } path when File.Exists(path) => (File.ReadAllText(path), $"--verify-key {path}"),
            { Length: > 0 } path => throw new UsageException($"--verify-key {path}: no such file; give the public key (cosign.pub) as a path or as PEM text."),
            _ when File.Exists(local) => (File.ReadAllText(local), local.ToString()),
            _ => throw new UsageException($"Verify needs the public key the image was signed with: --verify-key <cosign.pub path or PEM> " +
                                          $"(no local key pair at {local})."),
        };
        try { return Publishing.Signing.SigningKey.PublicKeyFromPem(pem, source); }
        catch (AttestationException e) { throw new UsageException(e.Message); }
    }

    /// <summary>
    /// The image rebuilt from <paramref name="recorded"/>: the commit cloned into .nuke/temp/verify/&lt;commit&gt; (from this
    /// repository when it has the commit, else the recorded remote), built on the recorded base images (by id) with the
    /// recorded version, source date and platform. A missing base image: not rebuilt, saying which.
    /// </summary>
    async Task<RebuildOutcome> RebuildAsync(RecordedBuild recorded, CancellationToken ct)
    {
        var docker = await DockerAsync(ct);
        var platform = ImagePlatform.Supported.FirstOrDefault(p => p.ToString() == recorded.Platform);
        if (platform is null)
            return RebuildOutcome.Impossible($"not done: the provenance names platform '{recorded.Platform}', none of {string.Join(", ", ImagePlatform.Supported)}");
        var names = new List<string>();
        foreach (var image in new[] { recorded.Sdk, recorded.Runtime })
        {
            var found = await docker.TryInspectImageAsync(image.Id, ct);
            var named = await docker.TryInspectImageAsync(image.Name, ct);
            var usable = named?.ID == image.Id ? image.Name : found?.RepoTags?.FirstOrDefault();
            if (found is null || usable is null)
            {
                var why = $"not done: the recorded base image {image.Name} with id {image.Id} is not on this engine" +
                          (named is null ? "" : $" ({image.Name} is {DockerImages.ShortId(named.ID)} here, another build of it)") +
                          "; load that exact image (docker load, or pull it by digest) and run Verify again";
                return platform.IsHost ? RebuildOutcome.Impossible(why) : RebuildOutcome.NotDone(why);
            }
            names.Add(usable);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var checkout = await CloneAsync(recorded, ct);
        AppImageResult built;
        // The clone is only the build context: removed once built, so no tool mistakes it for a part of this repository.
        try
        {
            built = await BuildDisplay.RunAsync(Log.Console, p => AppImageBuilder.BuildAsync(docker, new AppImageOptions
            {
                ContextDirectory = checkout,
                Repository = ImageName + "-verify",
                Version = recorded.Version,
                Revision = recorded.Commit,
                Source = recorded.Remote,
                Created = recorded.SourceDate,
                SdkImage = names[0],
                RuntimeImage = names[1],
                Platform = platform,
            }, p, ct));
        }
        finally
        {
            checkout.DeleteDirectory();
        }
        // The rebuild's own tags go; the image stays when another tag (the published image pulled, the local build) holds it.
        RegisterCleanup("untag the rebuilt image", async token =>
        {
            foreach (var tag in built.Tags)
                await docker.Images.DeleteImageAsync(tag, new Docker.DotNet.Models.ImageDeleteParameters(), token);
        });
        return RebuildOutcome.Built(built.ImageId, $"rebuilt {recorded.Commit[..12]} ({recorded.Platform}) from a clone in {checkout.RelativeTo(RootDirectory)} " +
                                                    $"({clock.Elapsed.TotalSeconds:0} s)");
    }

    /// <summary>A fresh clone of the recorded commit, detached, in .nuke/temp/verify/&lt;commit&gt;.</summary>
    async Task<AbsolutePath> CloneAsync(RecordedBuild recorded, CancellationToken ct)
    {
        var directory = RootDirectory / ".nuke" / "temp" / "verify" / recorded.Commit[..12];
        directory.DeleteDirectory();
        var quiet = new ToolOptions { LogOutput = false, CheckExitCode = false };
        var here = await Git(["cat-file", "-e", recorded.Commit + "^{commit}"], ct, quiet);
        var source = here.ExitCode == 0 ? (string)RootDirectory
            : recorded.Remote ?? throw new UsageException($"Commit {recorded.Commit} is not in this repository and the provenance names no remote to clone it from.");
        var cloned = await Git(["clone", "--quiet", "--no-checkout", source, directory], ct, quiet);
        if (cloned.ExitCode != 0)
            throw new BuildException($"Cloning {source} for commit {recorded.Commit[..12]} failed: {cloned.StandardError.Trim()}");
        var checkedOut = await Git(["-C", directory, "checkout", "--quiet", "--detach", recorded.Commit], ct, quiet);
        if (checkedOut.ExitCode != 0)
            throw new BuildException($"{source} has no commit {recorded.Commit}: {checkedOut.StandardError.Trim()}");
        return directory;
    }

    Tool Git => ToolFromPath("git");
}
