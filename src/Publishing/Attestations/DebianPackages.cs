namespace Publishing.Attestations;

/// <summary>
/// The Debian packages of an image, from its dpkg records: <c>/var/lib/dpkg/status</c> (an image with dpkg) or
/// <c>/var/lib/dpkg/status.d/*</c> (distroless images, which unpack packages without dpkg and keep one control file
/// per package; what scanners such as syft and trivy read there too).
/// </summary>
public static class DebianPackages
{
    /// <summary>The packages in control-file stanzas (fields "Package", "Version", "Architecture"; a "Status" not installed is skipped).</summary>
    public static IReadOnlyList<SbomComponent> Parse(IEnumerable<string> controlFiles)
    {
        var packages = new SortedDictionary<string, SbomComponent>(StringComparer.Ordinal);
        foreach (var text in controlFiles)
        foreach (var stanza in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = Fields(stanza);
            if (!fields.TryGetValue("Package", out var name) || !fields.TryGetValue("Version", out var version))
                continue;
            if (fields.TryGetValue("Status", out var status) && !status.EndsWith(" installed", StringComparison.Ordinal))
                continue;
            var architecture = fields.GetValueOrDefault("Architecture", "all");
            packages[$"{name}:{architecture}"] = new SbomComponent(name, version, PackageUrl.Debian(name, version, architecture));
        }
        return [.. packages.Values];
    }

    private static Dictionary<string, string> Fields(string stanza)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stanza.Split('\n'))
        {
            // Continuation lines (a description's body) start with a space; only the first line of a field matters here.
            var colon = line.IndexOf(':');
            if (line.Length == 0 || char.IsWhiteSpace(line[0]) || colon <= 0)
                continue;
            fields[line[..colon]] = line[(colon + 1)..].Trim();
        }
        return fields;
    }
}
