using System.Text.Json.Serialization;

namespace Deployment;

/// <summary>
/// <c>kustomization.yaml</c>: the directory as one unit for <c>kubectl apply -k</c>. The image and the namespace are set
/// here, the way kustomize users set them (<c>kustomize edit set image</c>, <c>kustomize edit set namespace</c>, or an
/// overlay), so the objects themselves name neither: the Deployment's container names the image
/// <see cref="DeploymentImage.KustomizeName"/>, which <see cref="Images"/> maps to the registry reference and digest.
/// </summary>
public sealed record Kustomization
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; init; } = "kustomize.config.k8s.io/v1beta1";

    [JsonPropertyName("kind")] public string Kind { get; init; } = "Kustomization";

    /// <summary>Every object's namespace; null writes no line (kubectl's <c>-n</c> or the context's namespace then).</summary>
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }

    /// <summary>Every generated object file, in apply order.</summary>
    [JsonPropertyName("resources")] public required IReadOnlyList<string> Resources { get; init; }

    [JsonPropertyName("images")] public required IReadOnlyList<KustomizeImage> Images { get; init; }

    public static Kustomization Create(DeploymentFacts facts, IEnumerable<string> resources) => new()
    {
        Namespace = NamespaceName.Validate(facts.Namespace, nameof(DeploymentFacts.Namespace)) is { Length: > 0 } ns ? ns : null,
        Resources = [.. resources],
        Images = [KustomizeImage.For(facts.Image)],
    };
}

/// <summary>One <c>images:</c> entry: containers whose image is <see cref="Name"/> run <see cref="NewName"/>@<see cref="Digest"/>.</summary>
public sealed record KustomizeImage(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("newName")] string NewName,
    [property: JsonPropertyName("digest")] string Digest)
{
    /// <summary>The entry for a digest-pinned reference (or the placeholder): split at the '@', as kustomize joins it again.</summary>
    public static KustomizeImage For(string reference)
    {
        var at = DeploymentImage.Validate(reference, nameof(DeploymentFacts.Image)).LastIndexOf('@');
        return new KustomizeImage(DeploymentImage.KustomizeName, reference[..at], reference[(at + 1)..]);
    }
}
