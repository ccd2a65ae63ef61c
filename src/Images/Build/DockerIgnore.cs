using System.Text;
using System.Text.RegularExpressions;

namespace Images.Build;

/// <summary>
/// .dockerignore with Docker's own semantics (moby's dockerignore.ReadAll + patternmatcher): Go filepath.Match
/// syntax (<c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>\</c> escapes) plus <c>**</c>; a pattern also excludes everything
/// below a matching directory; <c>!</c> re-includes, and the last matching pattern wins; <c>#</c> lines are comments;
/// patterns are cleaned like Go's filepath.Clean and a leading <c>/</c> is dropped.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<Pattern> _patterns;

    private DockerIgnore(IReadOnlyList<Pattern> patterns) => _patterns = patterns;

    public static DockerIgnore Empty { get; } = new([]);

    /// <summary>The patterns as the engine would see them ("!" prefix for exceptions), in order.</summary>
    public IReadOnlyList<string> Patterns => _patterns.Select(p => p.ToString()).ToList();

    /// <summary>True when some pattern starts with "!" (then excluded directories may still have to be walked).</summary>
    public bool HasExceptions => _patterns.Any(p => p.Exclusion);

    /// <summary>Parses the text of a .dockerignore file.</summary>
    public static DockerIgnore Parse(string text) => FromPatterns(ReadPatterns(text));

    public static DockerIgnore Load(string file) => File.Exists(file) ? Parse(File.ReadAllText(file)) : Empty;

    /// <summary>Builds a matcher from already-read patterns (each may start with "!").</summary>
    public static DockerIgnore FromPatterns(IEnumerable<string> patterns)
    {
        var compiled = new List<Pattern>();
        foreach (var raw in patterns)
        {
            var p = raw.Trim();
            if (p.Length == 0)
                continue;
            p = GoPath.Clean(p);
            var exclusion = p[0] == '!';
            if (exclusion)
            {
                if (p.Length == 1)
                    throw new FormatException("Invalid .dockerignore pattern \"!\": an exception needs a path after the '!'.");
                p = p[1..];
            }
            compiled.Add(new Pattern(p, exclusion, Compile(p)));
        }
        return new DockerIgnore(compiled);
    }

    /// <summary>moby's dockerignore.ReadAll: drop the BOM, comments and blank lines; clean; strip a leading '/'.</summary>
    public static IReadOnlyList<string> ReadPatterns(string text)
    {
        var result = new List<string>();
        var first = true;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = first ? rawLine.TrimStart('\uFEFF') : rawLine;
            first = false;
            // A comment only when '#' is the very first character; "  #x" is a pattern.
            if (line.StartsWith('#'))
                continue;
            var pattern = line.Trim();
            if (pattern.Length == 0)
                continue;
            var invert = pattern[0] == '!';
            if (invert)
                pattern = pattern[1..].Trim();
            if (pattern.Length > 0)
            {
                pattern = GoPath.Clean(pattern);
                if (pattern.Length > 1 && pattern[0] == '/')
                    pattern = pattern[1..];
            }
            result.Add(invert ? "!" + pattern : pattern);
        }
        return result;
    }

    /// <summary>
    /// moby's MatchesOrParentMatches: is this '/'-separated path (relative to the context) excluded? A pattern that
    /// matches one of the parent directories excludes the path too; the last matching pattern decides.
    /// </summary>
    public bool IsExcluded(string relativePath)
    {
        var file = relativePath.Replace('\\', '/');
        var parent = GoPath.Dir(file);
        var parentDirs = parent.Split('/');
        var matched = false;
        foreach (var pattern in _patterns)
        {
            // An include can only flip "not matched", an exception only "matched".
            if (pattern.Exclusion != matched)
                continue;
            var match = pattern.Regex.IsMatch(file);
            if (!match && parent != ".")
                for (var i = 0; i < parentDirs.Length && !match; i++)
                    match = pattern.Regex.IsMatch(string.Join('/', parentDirs, 0, i + 1));
            if (match)
                matched = !pattern.Exclusion;
        }
        return matched;
    }

    /// <summary>
    /// docker CLI's walk: an excluded directory is still entered when an exception pattern starts with its path
    /// (e.g. "!dir/keep.txt" for "dir"). Exceptions with wildcards before the directory do not count, as in Docker.
    /// </summary>
    public bool MayReincludeBelow(string directory)
    {
        var dirSlash = directory.Replace('\\', '/').TrimEnd('/') + "/";
        return _patterns.Any(p => p.Exclusion && (p.Text + "/").StartsWith(dirSlash, StringComparison.Ordinal));
    }

    /// <summary>
    /// docker CLI's TrimBuildFilesFromExcludes: the Dockerfile and .dockerignore are always sent (the engine needs
    /// the Dockerfile; COPY still cannot see them unless the user meant to), by appending "!path" exceptions.
    /// </summary>
    public DockerIgnore KeepingBuildFiles(string dockerfile)
    {
        var patterns = Patterns.ToList();
        if (IsExcluded(".dockerignore"))
            patterns.Add("!.dockerignore");
        var result = FromPatterns(patterns);
        var df = dockerfile.Replace('\\', '/');
        return result.IsExcluded(df) ? FromPatterns([.. patterns, "!" + df]) : result;
    }

    /// <summary>moby's Pattern.compile: filepath.Match syntax to an anchored regex, with ** spanning directories.</summary>
    private static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (ch == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    i++;
                    // "**/" is "**": eat the slash.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                        i++;
                    regex.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
                }
                else
                {
                    regex.Append("[^/]*");
                }
            }
            else if (ch == '?')
                regex.Append("[^/]");
            else if (ch is '.' or '+' or '(' or ')' or '|' or '{' or '}' or '$')
                regex.Append('\\').Append(ch);
            else if (ch == '\\')
            {
                // Escapes the next character; a trailing backslash is a bad pattern in filepath.Match.
                if (i + 1 >= pattern.Length)
                    throw new FormatException($"Invalid .dockerignore pattern '{pattern}': it ends with a lone '\\'.");
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
                regex.Append(ch);
        }
        regex.Append('$');
        try
        {
            return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Invalid .dockerignore pattern '{pattern}': {e.Message}", e);
        }
    }

    private sealed record Pattern(string Text, bool Exclusion, Regex Regex)
    {
        public override string ToString() => Exclusion ? "!" + Text : Text;
    }
}
