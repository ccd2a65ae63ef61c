using System.Text.RegularExpressions;

namespace Deployment;

/// <summary>The image a Deployment may name: pinned by digest (what was tested is what runs), or the placeholder.</summary>
public static partial class DeploymentImage
{
    /// <summary>
    /// Checked-in manifests name no registry the pipeline cannot know. The placeholder's digest is no digest, so a
    /// forgotten replacement fails before any pull (the pod's status: InvalidImageName) and names itself. Its name is
    /// <see cref="KustomizeName"/>, so an overlay pins it the usual way (<c>images: - name: creditrobot</c>).
    /// </summary>
    public const string Placeholder = KustomizeName + "@sha256:REPLACE_AFTER_PUBLISH";

    /// <summary>
    /// The name the Deployment's container gives its image, and the <c>name</c> of the kustomization's <c>images:</c>
    /// entry that turns it into the pinned reference (<c>kustomize edit set image creditrobot=…@sha256:…</c>).
    /// </summary>
    public const string KustomizeName = "creditrobot";

    /// <summary>Why <paramref name="reference"/> cannot go into a Deployment, naming <paramref name="source"/>; null when it can.</summary>
    public static string? Problem(string reference, string source) =>
        reference == Placeholder || DigestPinned().IsMatch(reference) ? null :
            $"{source}: '{reference}' is not pinned by digest (expected registry/repository@sha256:<64 hex digits>, as Publish prints it). " +
            "A tag can be moved after the image was tested; a digest cannot.";

    public static string Validate(string reference, string source) =>
        Problem(reference, source) is { } problem ? throw new ArgumentException(problem) : reference;

    [GeneratedRegex("^[a-z0-9][a-z0-9._:/-]*@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPinned();
}
