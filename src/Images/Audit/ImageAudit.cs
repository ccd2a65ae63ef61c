using Containers;
using System.Formats.Tar;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Images;

/// <summary>
/// Checks a built image against what a production image must not be: running as root, a shell, a package
/// manager, the .NET SDK, or the build stage's CA certificates. It reads the image's own layers (GET
/// /images/{id}/get), so nothing is started and nothing in the image can lie about itself.
/// </summary>
public static class ImageAudit
{
    /// <summary>Bump when the rules change, so remembered verdicts are not reused.</summary>
    private const string RulesVersion = "1";

    /// <summary>Audits <paramref name="inspect"/> (the caller's inspect result: nothing is inspected twice).</summary>
    /// <param name="buildCertificates">
    /// CA certificate files only the build stage may trust (default: <see cref="HostCertificates"/>). Matched by content,
    /// also inside bundles, so a copied, renamed or concatenated certificate is found.
    /// </param>
    public static async Task<AuditReport> RunAsync(IDockerClient docker, ImageInspectResponse inspect,
        IReadOnlyList<string>? buildCertificates = null, CancellationToken ct = default)
    {
        buildCertificates ??= HostCertificates();
        var image = inspect.RepoTags?.FirstOrDefault() ?? DockerImages.ShortId(inspect.ID);
        var temp = Path.Combine(Path.GetTempPath(), $"creditrobot-audit-{Guid.NewGuid():N}.tar");
        try
        {
            // `docker save` output puts manifest.json last; a temp file lets us read it first, then the layers in order.
            await using (var export = await docker.Images.SaveImageAsync(inspect.ID, ct))
            await using (var file = File.Create(temp))
                await export.CopyToAsync(file, ct);
            var findings = new List<AuditFinding>();
            if (UserFinding(inspect.Config?.User) is { } user)
                findings.Add(user);
            var (layers, files, contents) = await ScanAsync(temp, new CertificateMatcher(buildCertificates), ct);
            findings.AddRange(contents);
            return new AuditReport(image, findings, layers, files);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Runs the audit and throws (listing every finding) when it failed. With a <paramref name="cacheDirectory"/>
    /// (e.g. .nuke/temp/audit) a pass is remembered per image id and forbidden certificate set: an image id is a
    /// content hash, so a no-op build needs no second look (<see cref="AuditReport.FromCache"/>).
    /// </summary>
    public static async Task<AuditReport> EnforceAsync(IDockerClient docker, ImageInspectResponse image,
        IReadOnlyList<string>? buildCertificates = null, string? cacheDirectory = null, CancellationToken ct = default)
    {
        buildCertificates ??= HostCertificates();
        string? stamp = null;
        if (cacheDirectory is not null)
        {
            var id = image.ID.Replace("sha256:", "");
            var inputs = new InputsHash().Add("rules", RulesVersion);
            foreach (var certificate in buildCertificates)
                inputs.AddFile(certificate, certificate);
            stamp = Path.Combine(cacheDirectory, $"{id}-{inputs.Value[..16]}.passed");
            if (File.Exists(stamp))
            {
                return new AuditReport(await File.ReadAllTextAsync(stamp, ct), [], 0, 0) { FromCache = true };
            }
        }
        var report = await RunAsync(docker, image, buildCertificates, ct);
        if (report.Passed && stamp is not null)
        {
            Directory.CreateDirectory(cacheDirectory!);
            await File.WriteAllTextAsync(stamp, report.Image, ct);
        }
        return report.ThrowIfFailed();
    }

    /// <summary>The host's extra CA certificates (what the bootstrapped SDK image trusts and the final image must not hold).</summary>
    public static IReadOnlyList<string> HostCertificates(string extraCaDirectory = "/usr/local/share/ca-certificates") =>
        Directory.Exists(extraCaDirectory)
            ? Directory.EnumerateFiles(extraCaDirectory, "*.crt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];

    internal static AuditFinding? UserFinding(string? user)
    {
        var name = (user ?? "").Split(':')[0].Trim();
        return name is "" or "0" or "root"
            ? new AuditFinding(AuditRule.RunsAsRoot, null,
                $"runs as root (Config.User is {(string.IsNullOrEmpty(user) ? "empty" : $"'{user}'")}): add `USER 1654` (a non-root uid) to the final stage")
            : null;
    }

    private static async Task<(int Layers, int Files, List<AuditFinding> Findings)> ScanAsync(string saveTar,
        CertificateMatcher certificates, CancellationToken ct)
    {
        var layerPaths = await ReadLayerPathsAsync(saveTar, ct);
        var layers = new LayerIndex?[layerPaths.Count];
        await using (var file = File.OpenRead(saveTar))
        {
            var reader = new TarReader(file);
            while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                var index = layerPaths.IndexOf(entry.Name.TrimStart('.', '/'));
                if (index >= 0 && entry.DataStream is { } data)
                    layers[index] = await LayerIndex.ReadAsync(data, index, certificates, ct);
            }
        }
        var missing = layerPaths.Where((_, i) => layers[i] is null).ToList();
        if (missing.Count > 0)
            throw new ImagesException($"The exported image lacks layer(s) {string.Join(", ", missing)} named in its manifest.json.");
        var merged = LayerIndex.Merge(layers!);
        return (layerPaths.Count, merged.Count, ImageRules.Check(layers!, merged));
    }

    private static async Task<List<string>> ReadLayerPathsAsync(string saveTar, CancellationToken ct)
    {
        await using var file = File.OpenRead(saveTar);
        var reader = new TarReader(file);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') != "manifest.json" || entry.DataStream is null)
                continue;
            using var manifest = await JsonDocument.ParseAsync(entry.DataStream, cancellationToken: ct);
            return manifest.RootElement[0].GetProperty("Layers").EnumerateArray()
                .Select(l => l.GetString()!.TrimStart('.', '/')).ToList();
        }
        throw new ImagesException("The exported image has no manifest.json; the engine's `docker save` format was not recognised.");
    }
}
