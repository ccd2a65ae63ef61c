namespace CreditRobot.Quotes;

/// <summary>A decision for one set of inputs; the JSON of <c>GET /api/quote</c>.</summary>
public sealed record Quote(decimal Amount, decimal Income, int Term, decimal MonthlyPayment, bool Approved, string Reason);

/// <summary>
/// The rule the Flask peer implements too (keep them identical): an annuity at 7 % APR,
/// payment = amount·r / (1 − (1+r)^−term) with r = 0.07/12, rounded to cents half away from zero
/// (Python: Decimal.quantize(Decimal("0.01"), ROUND_HALF_UP)); approved when the rounded payment is
/// at most 35 % of the monthly income. All in decimal: no binary floating point touches money.
/// </summary>
public static class QuoteRule
{
    public const decimal AnnualRate = 0.07m;
    public const decimal AffordableShare = 0.35m;
    public const string WithinLimit = "within affordability limit";
    public const string ExceedsLimit = "payment exceeds 35% of income";

    public static Quote Calculate(decimal amount, decimal income, int term)
    {
        var payment = Math.Round(MonthlyPayment(amount, term), 2, MidpointRounding.AwayFromZero);
        var approved = payment <= AffordableShare * income;
        return new Quote(amount, income, term, payment, approved, approved ? WithinLimit : ExceedsLimit);
    }

    /// <summary>Unrounded; amount·r·g / (g − 1) with g = (1+r)^term is the same formula without a negative power.</summary>
    public static decimal MonthlyPayment(decimal amount, int term)
    {
        var rate = AnnualRate / 12m;
        var growth = 1m;
        for (var month = 0; month < term; month++) growth *= 1m + rate;
        return amount * rate * growth / (growth - 1m);
    }
}
