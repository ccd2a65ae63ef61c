using System.Globalization;

namespace CreditRobot.Quotes;

/// <summary>Validates quote inputs from a query string, a form or JSON; each problem names its field.</summary>
public sealed class QuoteInput
{
    public const decimal MaxMoney = 100_000_000m;
    public const int MaxTerm = 480;

    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsValid => Errors.Count == 0;

    /// <summary>"amount: is required; term: must be a whole number of months 1-480" for the problem's detail.</summary>
    public string Detail => string.Join("; ", Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));

    public void Fail(string field, string problem) => Errors.TryAdd(field, [problem]);

    public decimal? Money(string field, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) { Fail(field, "is required"); return null; }
        if (!decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            Fail(field, $"must be a number greater than 0 and at most {MaxMoney}");
            return null;
        }
        return Money(field, value);
    }

    public decimal? Money(string field, decimal? value)
    {
        if (value is null) { Fail(field, "is required"); return null; }
        if (value <= 0 || value > MaxMoney) { Fail(field, $"must be a number greater than 0 and at most {MaxMoney}"); return null; }
        return value;
    }

    public int? Term(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) { Fail("term", "is required"); return null; }
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Fail("term", $"must be a whole number of months 1-{MaxTerm}");
            return null;
        }
        return Term(value);
    }

    public int? Term(int? value)
    {
        if (value is null) { Fail("term", "is required"); return null; }
        if (value is < 1 or > MaxTerm) { Fail("term", $"must be a whole number of months 1-{MaxTerm}"); return null; }
        return value;
    }

    /// <summary>The quote when all three inputs are valid, else null (see <see cref="Errors"/>).</summary>
    public static Quote? FromText(string? amount, string? income, string? term, QuoteInput input)
    {
        var a = input.Money("amount", amount);
        var i = input.Money("income", income);
        var t = input.Term(term);
        return input.IsValid ? QuoteRule.Calculate(a!.Value, i!.Value, t!.Value) : null;
    }

    public IResult Problem(string title) =>
        TypedResults.ValidationProblem(Errors, detail: Detail, title: title);
}
