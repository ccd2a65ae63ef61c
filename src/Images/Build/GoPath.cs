namespace Images.Build;

/// <summary>Go's path/filepath.Clean for '/'-separated paths: .dockerignore patterns are cleaned exactly like this.</summary>
internal static class GoPath
{
    public static string Clean(string path)
    {
        if (path.Length == 0)
            return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                    parts.RemoveAt(parts.Count - 1);
                else if (!rooted)
                    parts.Add("..");
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>Go's filepath.Dir for '/'-separated relative paths ("a/b" → "a", "a" → ".").</summary>
    public static string Dir(string path)
    {
        var i = path.LastIndexOf('/');
        return i < 0 ? "." : Clean(path[..i]);
    }
}
