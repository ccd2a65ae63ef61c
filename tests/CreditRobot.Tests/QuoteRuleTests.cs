using System.Numerics;
using CreditRobot.Quotes;

namespace CreditRobot.Tests;

/// <summary>The quote rule against an exact rational reference: 7 % APR annuity, cents rounded half up, 35 % rule.</summary>
public sealed class QuoteRuleTests
{
    // payment = A·r·g/(g−1), r = 7/1200, g = (1207/1200)^t, computed exactly in integers, then rounded half up to cents.
    private static decimal ExactPayment(decimal amount, int term)
    {
        var cents = new BigInteger(amount * 100m);
        var up = BigInteger.Pow(1207, term);
        var numerator = cents * 7 * up;
        var denominator = 1200 * (up - BigInteger.Pow(1200, term));
        var rounded = (2 * numerator + denominator) / (2 * denominator); // half up, positive values
        return (decimal)rounded / 100m;
    }

    public static TheoryData<decimal, int> Grid()
    {
        var data = new TheoryData<decimal, int>();
        foreach (var amount in new[] { 1m, 6m, 18m, 600.01m, 999.99m, 10000m, 12345.67m, 250000m, 99999999.99m })
            foreach (var term in new[] { 1, 2, 12, 36, 60, 120, 360, 480 })
                data.Add(amount, term);
        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Monthly_payment_equals_the_exact_annuity_rounded_to_cents(decimal amount, int term)
    {
        QuoteRule.Calculate(amount, 1_000_000m, term).MonthlyPayment.Should().Be(ExactPayment(amount, term));
    }

    [Theory]
    [InlineData(10000, 12, 865.27)]
    [InlineData(250000, 360, 1663.26)]
    [InlineData(1000, 1, 1005.83)]
    [InlineData(5000, 480, 31.07)]
    [InlineData(18, 1, 18.11)] // exactly 18.105: half a cent rounds up (Python ROUND_HALF_UP), not to even
    public void Known_payments(decimal amount, int term, decimal payment)
    {
        QuoteRule.Calculate(amount, 100_000m, term).MonthlyPayment.Should().Be(payment);
    }

    [Fact]
    public void A_payment_of_exactly_35_percent_of_income_is_approved()
    {
        // 865.27 / 0.35 = 2472.20 exactly.
        var quote = QuoteRule.Calculate(10000m, 2472.20m, 12);

        quote.Should().Be(new Quote(10000m, 2472.20m, 12, 865.27m, true, "within affordability limit"));
    }

    [Fact]
    public void One_cent_less_income_than_the_boundary_is_declined()
    {
        var quote = QuoteRule.Calculate(10000m, 2472.19m, 12);

        quote.Approved.Should().BeFalse();
        quote.Reason.Should().Be("payment exceeds 35% of income");
    }

    [Fact]
    public void The_rounded_payment_is_what_is_compared()
    {
        // Unrounded 865.2675 fits under 35 % of 2472.1943 (865.268); the 865.27 the customer is shown does not.
        QuoteRule.MonthlyPayment(10000m, 12).Should().BeLessThan(0.35m * 2472.1943m);

        QuoteRule.Calculate(10000m, 2472.1943m, 12).Approved.Should().BeFalse();
    }
}
