namespace CreditRobot.Applications;

/// <summary>A stored application with its decision; the JSON of <c>/api/applications</c>.</summary>
public sealed record LoanApplication(
    long Id,
    string ApplicantName,
    decimal Amount,
    decimal Income,
    int Term,
    decimal MonthlyPayment,
    bool Approved,
    string Reason,
    DateTimeOffset CreatedAt);

/// <summary>The body of <c>POST /api/applications</c>.</summary>
public sealed record ApplicationRequest(string? ApplicantName, decimal? Amount, decimal? Income, int? Term);
