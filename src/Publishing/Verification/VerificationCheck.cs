namespace Publishing.Verification;

public enum CheckOutcome { Passed, Failed, NotDone }

/// <summary>One row of Verify's verdict: which manifest (the index or a platform), which check, how it went and why.</summary>
public sealed record VerificationCheck(string Subject, string Check, CheckOutcome Outcome, string Detail)
{
    public static VerificationCheck Pass(string subject, string check, string detail) => new(subject, check, CheckOutcome.Passed, detail);
    public static VerificationCheck Fail(string subject, string check, string detail) => new(subject, check, CheckOutcome.Failed, detail);
}

/// <summary>Every check Verify made of one image reference; it passes when none failed (a check not done is said, not failed).</summary>
public sealed record VerificationReport(string Reference, string Digest, IReadOnlyList<VerificationCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Outcome != CheckOutcome.Failed);
}
