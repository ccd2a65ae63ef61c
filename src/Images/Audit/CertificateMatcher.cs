using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Images;

/// <summary>
/// Recognises given CA certificates inside image files: the same file (by SHA-256) or the certificate's PEM body
/// inside a bundle such as /etc/ssl/certs/ca-certificates.crt (what update-ca-certificates produces).
/// </summary>
internal sealed partial class CertificateMatcher
{
    private const long MaxCandidateBytes = 4 << 20;
    private readonly Dictionary<string, string> _byHash = new(StringComparer.Ordinal);
    private readonly List<(string Body, string Name)> _bodies = [];

    public CertificateMatcher(IEnumerable<string> certificateFiles)
    {
        foreach (var file in certificateFiles)
        {
            var bytes = File.ReadAllBytes(file);
            var name = Path.GetFileName(file);
            _byHash[Convert.ToHexString(SHA256.HashData(bytes))] = name;
            foreach (Match match in PemBody().Matches(Encoding.ASCII.GetString(bytes)))
                _bodies.Add((Whitespace().Replace(match.Groups[1].Value, ""), name));
        }
    }

    public bool IsEmpty => _byHash.Count == 0;

    /// <summary>Only plausible certificate files are read: by extension or location, and not huge.</summary>
    public static bool IsCandidate(string path, long length) =>
        length is > 0 and <= MaxCandidateBytes &&
        (path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) ||
         path.EndsWith(".cer", StringComparison.OrdinalIgnoreCase) || path.Contains("ssl/", StringComparison.Ordinal) ||
         path.Contains("ca-certificates", StringComparison.Ordinal));

    /// <summary>The name of the forbidden certificate found in <paramref name="content"/>, else null.</summary>
    public async Task<string?> MatchAsync(Stream content, CancellationToken ct)
    {
        if (IsEmpty)
            return null;
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (_byHash.TryGetValue(Convert.ToHexString(SHA256.HashData(bytes)), out var name))
            return name;
        var text = Whitespace().Replace(Encoding.ASCII.GetString(bytes), "");
        return _bodies.FirstOrDefault(b => text.Contains(b.Body, StringComparison.Ordinal)).Name;
    }

    [GeneratedRegex("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", RegexOptions.Singleline)]
    private static partial Regex PemBody();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
