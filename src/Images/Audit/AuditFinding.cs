namespace Images;

/// <summary>What the audit checks; each finding names one.</summary>
public enum AuditRule
{
    RunsAsRoot,
    ContainsShell,
    ContainsPackageManager,
    ContainsDotnetSdk,
    ContainsBuildCertificate,
}

/// <summary>One reason the image is not fit for production, with the path it was found at.</summary>
public sealed record AuditFinding(AuditRule Rule, string? Path, string Message)
{
    public override string ToString() => Message;
}

/// <summary>The audit's verdict for one image.</summary>
public sealed record AuditReport(string Image, IReadOnlyList<AuditFinding> Findings, int Layers, int Files)
{
    public bool Passed => Findings.Count == 0;

    /// <summary>The pass was remembered from an earlier audit of the same image id (nothing was read now).</summary>
    public bool FromCache { get; init; }

    public string Summary => FromCache ? $"Audit passed for {Image} (unchanged image, verdict remembered)" : Passed
        ? $"Audit passed for {Image}: non-root, no shell, no package manager, no .NET SDK, no build CA certificates ({Layers} layers, {Files} files)"
        : $"Audit failed for {Image}: {Findings.Count} finding(s)";

    /// <summary>Throws <see cref="ImagesException"/> listing every finding when the audit failed.</summary>
    public AuditReport ThrowIfFailed()
    {
        if (!Passed)
            throw new ImagesException($"Image audit failed for {Image} ({Findings.Count} finding{(Findings.Count == 1 ? "" : "s")}):" +
                                      Environment.NewLine + string.Join(Environment.NewLine, Findings.Select(f => "  - " + f.Message)));
        return this;
    }
}
