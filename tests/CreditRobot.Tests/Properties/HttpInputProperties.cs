using System.Text.Json;
using CreditRobot.Applications;
using CreditRobot.Quotes;
using CsCheck;

namespace CreditRobot.Tests.Properties;

/// <summary>Issue 23: the HTTP input models answer any input with a quote or field errors (a 400), never an exception (a 500).</summary>
public sealed class HttpInputProperties
{
    private static readonly Gen<string?> Field = Gen.OneOf(Gen.String[0, 16].Select(s => (string?)s),
        Gen.OneOf<string?>(null, "", " ", "0", "1", "480", "481", "-1", "100000000", "100000000.01", "1e5", "0x10", "79228162514264337593543950335",
            "0.0000000000000000000000000001", "1,5", "١٢", "+5", " 7 "));

    [Fact]
    public void Quote_inputs_give_a_quote_exactly_when_there_are_no_errors()
    {
        Gen.Select(Field, Field, Field).Sample((amount, income, term) =>
        {
            var input = new QuoteInput();
            var quote = QuoteInput.FromText(amount, income, term, input);
            (quote is not null).Should().Be(input.IsValid, input.Detail);
        }, iter: 1000);
    }

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        Gen.String[0, 12].Select(s => JsonSerializer.Serialize(s)),
        Gen.OneOf("null", "true", "[]", "{}", "0", "-1", "1e400", "79228162514264337593543950336", "2147483648", "1.5", "\"12\"", "\"\\u0000\"", "\"\\ud800\""),
        Gen.Decimal.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> ApplicationJson = Gen.OneOf(
        Gen.Select(JsonValue, JsonValue, JsonValue, JsonValue, (name, amount, income, term) =>
            $$"""{"applicantName":{{name}},"amount":{{amount}},"income":{{income}},"term":{{term}}}"""),
        Gen.String[0, 40]);

    [Fact]
    public void Application_bodies_give_a_decision_or_field_errors()
    {
        ApplicationJson.Sample(json =>
        {
            ApplicationRequest? request;
            try { request = JsonSerializer.Deserialize(json, AppJsonContext.Default.ApplicationRequest); }
            catch (JsonException) { return; } // 400 naming the field
            var input = new QuoteInput();
            var quote = ApplicationEndpoints.Validate(request, input, out var name);
            (quote is not null && name is not null).Should().Be(input.IsValid, input.Detail);
        }, iter: 1000);
    }
}
