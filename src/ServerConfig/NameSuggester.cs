namespace ServerConfig;

/// <summary>Closest known name by edit distance, for "did you mean" hints on typos.</summary>
public static class NameSuggester
{
    public static string? Closest(string unknown, IEnumerable<string> known)
    {
        var needle = unknown.ToLowerInvariant();
        var best = known
            .Select(k => (Name: k, Distance: Distance(needle, k.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        // A suggestion further away than a third of the word is noise, not help.
        return best.Name is not null && best.Distance <= Math.Max(2, needle.Length / 3) ? best.Name : null;
    }

    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
