using System.Text.Json;
using System.Xml.Linq;

namespace Publishing.Attestations;

/// <summary>
/// The NuGet packages a project compiles in, from its packages.lock.json: every resolved package of every target
/// (direct and transitive), its SHA-512 (the lock file's contentHash: the hash of the .nupkg NuGet verified) and the
/// licence its .nuspec declares when the package is in the local package folder. Project references are ours: left out.
/// </summary>
public static class NuGetLockFile
{
    /// <summary>Packages that are build tools: they shape the binary, their code is not in it.</summary>
    private static readonly string[] BuildTools = ["Microsoft.NET.ILLink.Tasks", "Microsoft.DotNet.ILCompiler", "runtime.linux-x64.Microsoft.DotNet.ILCompiler",
        "runtime.linux-arm64.Microsoft.DotNet.ILCompiler"];

    /// <param name="packagesFolder">The global packages folder (~/.nuget/packages) to read licences from; null: no licences.</param>
    public static IReadOnlyList<SbomComponent> Read(string lockFile, string? packagesFolder)
    {
        JsonDocument json;
        try { json = JsonDocument.Parse(File.ReadAllText(lockFile)); }
        catch (JsonException e) { throw new AttestationException($"{lockFile}: not a NuGet lock file ({e.Message})."); }
        using (json)
        {
            if (!json.RootElement.TryGetProperty("dependencies", out var targets))
                throw new AttestationException($"{lockFile}: no \"dependencies\" object; is it a packages.lock.json?");
            var components = new SortedDictionary<string, SbomComponent>(StringComparer.Ordinal);
            foreach (var target in targets.EnumerateObject())
            foreach (var package in target.Value.EnumerateObject())
            {
                if (package.Value.GetProperty("type").GetString() == "Project" || !package.Value.TryGetProperty("resolved", out var resolved))
                    continue;
                var (name, version) = (package.Name, resolved.GetString()!);
                var hash = package.Value.TryGetProperty("contentHash", out var h) ? Convert.ToHexStringLower(Convert.FromBase64String(h.GetString()!)) : null;
                components[$"{name}@{version}"] = new SbomComponent(name, version, PackageUrl.NuGet(name, version),
                    Licence(packagesFolder, name, version), hash, BuildTools.Contains(name, StringComparer.OrdinalIgnoreCase));
            }
            return [.. components.Values];
        }
    }

    /// <summary>The SPDX expression of the package's .nuspec &lt;license type="expression"&gt;, when the package is on this machine.</summary>
    private static string? Licence(string? packagesFolder, string name, string version)
    {
        if (packagesFolder is null)
            return null;
        var nuspec = Path.Combine(packagesFolder, name.ToLowerInvariant(), version.ToLowerInvariant(), name.ToLowerInvariant() + ".nuspec");
        if (!File.Exists(nuspec))
            return null;
        var licence = XDocument.Load(nuspec).Descendants().FirstOrDefault(e => e.Name.LocalName == "license");
        return licence?.Attribute("type")?.Value == "expression" && licence.Value.Trim() is { Length: > 0 } expression ? expression : null;
    }
}
