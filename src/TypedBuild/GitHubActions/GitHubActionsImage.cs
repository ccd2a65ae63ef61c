namespace TypedBuild.GitHubActions;

/// <summary>GitHub-hosted runner images (one job per image), named as in NUKE.</summary>
public enum GitHubActionsImage
{
    UbuntuLatest,
    Ubuntu2404,
    Ubuntu2204,
}

internal static class GitHubActionsImageLabels
{
    public static string RunsOn(this GitHubActionsImage image) => image switch
    {
        GitHubActionsImage.UbuntuLatest => "ubuntu-latest",
        GitHubActionsImage.Ubuntu2404 => "ubuntu-24.04",
        GitHubActionsImage.Ubuntu2204 => "ubuntu-22.04",
        _ => throw new ArgumentOutOfRangeException(nameof(image), image, "Unknown GitHub Actions runner image."),
    };
}
