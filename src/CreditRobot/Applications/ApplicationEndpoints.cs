using System.Globalization;
using System.Text.Json;
using CreditRobot.Data;
using CreditRobot.Quotes;

namespace CreditRobot.Applications;

/// <summary><c>/api/applications</c>: submit an application (decided and stored), read one, list the latest.</summary>
public static class ApplicationEndpoints
{
    public const int MaxNameLength = 200;

    public static void MapApplications(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/applications");
        api.MapPost("/", CreateAsync);
        api.MapGet("/{id:long}", async (long id, ApplicationStore store, CancellationToken cancellationToken) =>
            await store.FindAsync(id, cancellationToken) is { } found
                ? Results.Ok(found)
                : Results.Problem(statusCode: 404, title: "Application not found", detail: $"no application with id {id}"));
        api.MapGet("/", async (string? limit, ApplicationStore store, CancellationToken cancellationToken) =>
        {
            var input = new QuoteInput();
            var count = ParseLimit(limit, input);
            return count is null
                ? input.Problem("Invalid list request")
                : Results.Ok(await store.LatestAsync(count.Value, cancellationToken));
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApplicationStore store, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
            return Results.Problem(statusCode: 415, title: "Unsupported media type", detail: "send the application as application/json");
        var input = new QuoteInput();
        ApplicationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, AppJsonContext.Default.ApplicationRequest, cancellationToken);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            input.Fail(field, field == "body" ? "must be a JSON object" : "has the wrong type");
            return input.Problem("Invalid application");
        }
        var quote = Validate(request, input, out var name);
        if (quote is null) return input.Problem("Invalid application");
        var stored = await store.AddAsync(name!, quote, cancellationToken);
        return Results.Created($"/api/applications/{stored.Id}", stored);
    }

    /// <summary>Shared by the API and the HTML form: name plus the quote inputs.</summary>
    public static Quote? Validate(ApplicationRequest? request, QuoteInput input, out string? name)
    {
        name = ValidateName(request?.ApplicantName, input);
        var amount = input.Money("amount", request?.Amount);
        var income = input.Money("income", request?.Income);
        var term = input.Term(request?.Term);
        return input.IsValid ? QuoteRule.Calculate(amount!.Value, income!.Value, term!.Value) : null;
    }

    public static string? ValidateName(string? raw, QuoteInput input)
    {
        var name = raw?.Trim();
        if (string.IsNullOrEmpty(name)) input.Fail("applicantName", "is required");
        else if (name.Length > MaxNameLength) input.Fail("applicantName", $"must be at most {MaxNameLength} characters");
        else return name;
        return null;
    }

    private static int? ParseLimit(string? raw, QuoteInput input)
    {
        if (raw is null) return 20;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 100) return limit;
        input.Fail("limit", "must be a whole number 1-100");
        return null;
    }
}
