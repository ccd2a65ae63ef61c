using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CreditRobot.Data;
using CreditRobot.Hosting;
using CreditRobot.Quotes;
using ServerConfig;

namespace CreditRobot.Applications;

/// <summary><c>/api/applications</c>: submit an application (decided and stored), read one, list the latest.</summary>
public static class ApplicationEndpoints
{
    public const int MaxNameLength = 200;

    public static void MapApplications(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/applications");
        api.MapPost("/", CreateAsync);
        api.MapMethods("/{id:long}", GetOrHead.Methods, async (long id, ApplicationStore store, CancellationToken cancellationToken) =>
            await store.FindAsync(id, cancellationToken) is { } found
                ? Results.Ok(found)
                : Results.Problem(statusCode: 404, title: "Application not found", detail: $"no application with id {id}"));
        api.MapMethods("/", GetOrHead.Methods, async (string? limit, ApplicationStore store, CancellationToken cancellationToken) =>
        {
            var input = new QuoteInput();
            var count = ParseLimit(limit, input);
            return count is null
                ? input.Problem("Invalid list request")
                : Results.Ok(await store.LatestAsync(count.Value, cancellationToken));
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApplicationStore store, ServerSettings settings, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
            return Results.Problem(statusCode: 415, title: "Unsupported media type", detail: "send the application as application/json");
        if (RequestBodies.Refuse(context, settings.RequestBodyLimit) is { } tooLarge) return tooLarge;
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
        else if (CodePoints(name) is not { } length) input.Fail("applicantName", "must be printable text (no control characters such as NUL, no broken Unicode)");
        else if (length > MaxNameLength) input.Fail("applicantName", $"must be at most {MaxNameLength} characters (Unicode code points)");
        else return name;
        return null;
    }

    /// <summary>
    /// The length in Unicode code points, as PostgreSQL's length() counts it (the column's CHECK): an emoji is one, not
    /// two UTF-16 units. Null when the text is not printable: PostgreSQL text cannot hold NUL, and Npgsql cannot encode a
    /// lone surrogate; both are the client's mistake.
    /// </summary>
    private static int? CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; count++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done || Rune.IsControl(rune)) return null;
            i += used;
        }
        return count;
    }

    private static int? ParseLimit(string? raw, QuoteInput input)
    {
        if (raw is null) return 20;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 100) return limit;
        input.Fail("limit", "must be a whole number 1-100");
        return null;
    }
}
