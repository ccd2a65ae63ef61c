using System.Text;

namespace TypedBuild;

/// <summary>Member names to option and environment variable names, and "did you mean" suggestions.</summary>
public static class Naming
{
    /// <summary><c>DockerHost</c> → <c>docker-host</c>, <c>CIBuild</c> → <c>ci-build</c>.</summary>
    public static string ToKebabCase(string name) => Split(name, '-', upper: false);

    /// <summary><c>graceful_timeout</c> → <c>GracefulTimeout</c>.</summary>
    public static string ToPascalCase(string key) =>
        string.Concat(key.Split(['_', '-'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary><c>DockerHost</c> → <c>DOCKER_HOST</c>.</summary>
    public static string ToUpperSnakeCase(string name) => Split(name, '_', upper: true);

    private static string Split(string name, char separator, bool upper)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-')
            {
                if (builder.Length > 0 && builder[^1] != separator)
                    builder.Append(separator);
                continue;
            }

            var boundary = i > 0 && char.IsUpper(c) &&
                           (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                            (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary && builder.Length > 0 && builder[^1] != separator)
                builder.Append(separator);
            builder.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>The candidates closest to <paramref name="input"/>, best first (see <see cref="Suggestions.DidYouMean"/>).</summary>
    public static IReadOnlyList<string> Suggest(string input, IEnumerable<string> candidates, int max = 3) =>
        Suggestions.DidYouMean.Closest(input, candidates, max);

    /// <summary>" Did you mean 'x' or 'y'?" or an empty string.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates)
    {
        var suggestions = Suggest(input, candidates);
        return suggestions.Count == 0
            ? ""
            : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
    }
}
