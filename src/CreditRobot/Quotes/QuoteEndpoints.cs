using CreditRobot.Hosting;
namespace CreditRobot.Quotes;

/// <summary><c>GET /api/quote?amount=&amp;income=&amp;term=</c>: the decision, no storage.</summary>
public static class QuoteEndpoints
{
    public static void MapQuotes(this IEndpointRouteBuilder app)
    {
        // Inputs are taken as text so a bad value is a 400 naming the field, not a binding failure.
        app.MapGroup("/api/quote").MapMethods("/", GetOrHead.Methods, (string? amount, string? income, string? term) =>
        {
            var input = new QuoteInput();
            return QuoteInput.FromText(amount, income, term, input) is { } quote
                ? Results.Ok(quote)
                : input.Problem("Invalid quote input");
        });
    }
}
