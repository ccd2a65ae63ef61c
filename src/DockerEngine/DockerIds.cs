namespace DockerEngine;

/// <summary>Ids as people read them: the first 12 hex digits, as the docker CLI prints them.</summary>
public static class DockerIds
{
    /// <summary>An image id (<c>sha256:</c> + 64 hex) or a container id (64 hex) → 12 digits; a name stays as it is.</summary>
    public static string Short(string id)
    {
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length == 64 ? hex[..12] : id;
    }
}
