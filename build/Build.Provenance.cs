using TypedBuild;
using Publishing.Versioning;

/// <summary>What makes the image provable: the source date its bytes carry.</summary>
internal sealed partial class Build
{
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
}
