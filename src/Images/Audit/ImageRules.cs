using System.Text.RegularExpressions;

namespace Images;

/// <summary>The content rules of <see cref="ImageAudit"/>, over the merged file system and every layer.</summary>
internal static partial class ImageRules
{
    private static readonly HashSet<string> Shells = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"];
    private static readonly HashSet<string> PackageManagers = ["apt", "apt-get", "dpkg", "apk", "microdnf", "dnf", "yum", "rpm"];

    public static List<AuditFinding> Check(IReadOnlyList<LayerIndex> layers, IReadOnlyDictionary<string, LayerEntry> merged)
    {
        var findings = new List<AuditFinding>();
        // What a container can execute: the merged view (a shell deleted in a later layer cannot be run).
        foreach (var entry in merged.Values.Where(e => !e.IsDirectory).OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            if (Shells.Contains(entry.Name))
                findings.Add(new AuditFinding(AuditRule.ContainsShell, "/" + entry.Path,
                    $"contains a shell: /{entry.Path}{Link(entry)} (layer {entry.Layer + 1}); a distroless final stage has none, " +
                    "so use a runtime-deps base without a shell and exec-form ENTRYPOINT/HEALTHCHECK"));
            else if (PackageManagers.Contains(entry.Name))
                findings.Add(new AuditFinding(AuditRule.ContainsPackageManager, "/" + entry.Path,
                    $"contains a package manager: /{entry.Path}{Link(entry)} (layer {entry.Layer + 1}); install packages in a " +
                    "build stage and copy only their files into the final stage"));
        }

        // What the image ships: every layer, because a file deleted by a later layer is still in the image's blobs.
        var all = layers.SelectMany(l => l.Entries).ToList();
        foreach (var sdk in all.Select(e => (Entry: e, Match: SdkDirectory().Match(e.Path))).Where(x => x.Match.Success)
                     .DistinctBy(x => x.Match.Value))
            findings.Add(new AuditFinding(AuditRule.ContainsDotnetSdk, "/" + sdk.Match.Value.TrimEnd('/'),
                $"contains the .NET SDK: /{sdk.Match.Value.TrimEnd('/')} (layer {sdk.Entry.Layer + 1}); the final stage must " +
                "COPY --from=build only the publish output"));
        foreach (var leak in all.Where(e => e.Certificate is not null).DistinctBy(e => e.Path))
            findings.Add(new AuditFinding(AuditRule.ContainsBuildCertificate, "/" + leak.Path,
                $"contains the build stage's CA certificate {leak.Certificate} at /{leak.Path} (layer {leak.Layer + 1}); " +
                "only the build stage may trust it, so do not copy certificates or /etc/ssl from the build stage"));
        return findings;
    }

    private static string Link(LayerEntry entry) => entry.LinkTarget is null ? "" : $" -> {entry.LinkTarget}";

    /// <summary>An SDK version directory (sdk/10.0.401/) that holds the SDK's own entry points.</summary>
    [GeneratedRegex(@"^(.*/)?sdk/\d+\.\d+\.\d+(-[^/]+)?/(?=(dotnet\.dll|MSBuild\.dll|Sdks)$)")]
    private static partial Regex SdkDirectory();
}
