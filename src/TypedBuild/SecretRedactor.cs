namespace TypedBuild;

/// <summary>Replaces every known secret value with <c>***</c>. All console output passes through it.</summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";
    private readonly object _gate = new();
    private string[] _secrets = [];

    /// <summary>Registers a value (empty values are ignored). Thread-safe.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
            return;
        lock (_gate)
        {
            if (_secrets.Contains(secret, StringComparer.Ordinal))
                return;
            // Longest first, so a secret containing another is masked whole.
            _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
        }
    }

    public string Redact(string text)
    {
        var secrets = _secrets;
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
