namespace Images;

/// <summary>One enabled "deb" source from the host's apt configuration.</summary>
public sealed record AptSource(string Uri, IReadOnlyList<string> Suites, IReadOnlyList<string> Components, string File);

/// <summary>
/// Reads the host's apt sources (deb822 <c>*.sources</c> and one-line <c>*.list</c>), so bootstrapping uses the
/// mirror this machine is configured for (a company mirror, a snapshot) instead of a hard-coded host.
/// </summary>
public static class AptSources
{
    public static IReadOnlyList<AptSource> Read(string aptDirectory = "/etc/apt")
    {
        var files = new List<string>();
        var main = Path.Combine(aptDirectory, "sources.list");
        if (File.Exists(main))
            files.Add(main);
        var dir = Path.Combine(aptDirectory, "sources.list.d");
        if (Directory.Exists(dir))
            files.AddRange(Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".list") || f.EndsWith(".sources")).Order(StringComparer.Ordinal));
        return files.SelectMany(f => f.EndsWith(".sources")
            ? ParseDeb822(File.ReadAllText(f), f)
            : ParseOneLine(File.ReadAllText(f), f)).ToList();
    }

    /// <summary>The mirror serving <paramref name="suite"/> main, e.g. "http://deb.debian.org/debian" for "bookworm".</summary>
    public static string MirrorFor(string suite, string aptDirectory = "/etc/apt")
    {
        var sources = Read(aptDirectory);
        var match = sources.FirstOrDefault(s => s.Suites.Contains(suite) && s.Components.Contains("main"));
        if (match is not null)
            return match.Uri.TrimEnd('/');
        var seen = sources.Count == 0 ? "none" : string.Join("; ", sources.Select(s => $"{s.Uri} {string.Join(',', s.Suites)} ({s.File})"));
        throw new ImagesException(
            $"No apt source for suite '{suite}' with component 'main' in {aptDirectory}/sources.list(.d) (found: {seen}). " +
            $"Add one (e.g. a deb822 file with 'URIs: <your Debian mirror>', 'Suites: {suite}', 'Components: main'), " +
            "or pass a suite the host's sources serve.");
    }

    internal static IEnumerable<AptSource> ParseDeb822(string text, string file)
    {
        foreach (var stanza in SplitStanzas(text))
        {
            if (stanza.GetValueOrDefault("Enabled", "yes").Equals("no", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!Words(stanza.GetValueOrDefault("Types", "")).Contains("deb"))
                continue;
            var suites = Words(stanza.GetValueOrDefault("Suites", ""));
            var components = Words(stanza.GetValueOrDefault("Components", ""));
            foreach (var uri in Words(stanza.GetValueOrDefault("URIs", "")))
                yield return new AptSource(uri, suites, components, file);
        }
    }

    internal static IEnumerable<AptSource> ParseOneLine(string text, string file)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (!line.StartsWith("deb ") && !line.StartsWith("deb\t"))
                continue;
            var rest = line[3..].Trim();
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']');
                if (close < 0)
                    continue;
                rest = rest[(close + 1)..].Trim();
            }
            var words = Words(rest);
            if (words.Count >= 2)
                yield return new AptSource(words[0], [words[1]], words.Skip(2).ToList(), file);
        }
    }

    /// <summary>deb822: blank-line separated stanzas of "Field: value" with indented continuation lines.</summary>
    private static IEnumerable<Dictionary<string, string>> SplitStanzas(string text)
    {
        var current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? lastKey = null;
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            if (raw.StartsWith('#'))
                continue;
            if (raw.Trim().Length == 0)
            {
                if (current.Count > 0)
                    yield return current;
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                lastKey = null;
                continue;
            }
            if ((raw.StartsWith(' ') || raw.StartsWith('\t')) && lastKey is not null)
            {
                current[lastKey] += " " + raw.Trim();
                continue;
            }
            var colon = raw.IndexOf(':');
            if (colon <= 0)
                continue;
            lastKey = raw[..colon].Trim();
            current[lastKey] = raw[(colon + 1)..].Trim();
        }
        if (current.Count > 0)
            yield return current;
    }

    private static List<string> Words(string value) =>
        value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
}
