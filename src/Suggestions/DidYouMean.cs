using Quickenshtein;

namespace Suggestions;

/// <summary>The known names closest to a typo, for "did you mean" hints (Levenshtein distance, Quickenshtein).</summary>
public static class DidYouMean
{
    /// <summary>The candidates closest to <paramref name="input"/>, best first (ties in ordinal order): case-insensitive,
    /// at most a third of the input's length away (minimum 2), since a suggestion further away is noise, not help.</summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 3)
    {
        var needle = input.ToLowerInvariant();
        var limit = Math.Max(2, needle.Length / 3);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Candidate: c, Distance: Levenshtein.GetDistance(needle, c.ToLowerInvariant())))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Candidate)
            .ToList();
    }
}
