using System.Text.Json;
using System.Text.RegularExpressions;
using CreditRobot;
using CreditRobot.Applications;
using CreditRobot.Data;

namespace Fuzz;

/// <summary>The app's inputs from outside: the database URL and the HTTP input models.</summary>
internal static partial class AppHarness
{
    /// <summary>DATABASE_URL as the app reads it at start-up; its error (exit 2) must never repeat the password.</summary>
    public static void DatabaseUrl(byte[] input)
    {
        var text = FuzzTarget.Text(input);
        foreach (var (variable, value) in new[] { ("DATABASE_URL", text), ("ConnectionStrings__Default", text) })
        {
            try
            {
                CreditRobot.Data.DatabaseUrl.ConnectionString(new Dictionary<string, string> { [variable] = value });
            }
            catch (FormatException e)
            {
                // Only the part before "(expected …)": the example there ("Port=5432") is not the user's text.
                var said = e.Message.Split(" (expected ")[0];
                if (Password(text) is { } password && said.Contains(password, StringComparison.Ordinal))
                    throw new ContractViolation($"{variable}: the error repeats the password: {e.Message}");
            }
        }
    }

    // user:PASSWORD@ in a URL, Password=PASSWORD in a connection string; short ones could match by chance.
    private static string? Password(string text) =>
        UrlPassword().Match(text) is { Success: true } url ? url.Groups[1].Value
        : KeywordPassword().Match(text) is { Success: true } keyword ? keyword.Groups[1].Value
        : null;

    [GeneratedRegex("://[^:/@]*:([^@/]{6,})@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex("(?i)password\\s*=\\s*([^;]{6,})")]
    private static partial Regex KeywordPassword();

    /// <summary>GET /api/quote?amount=&amp;income=&amp;term= after ASP.NET Core decoded the query.</summary>
    public static void QuoteInput(byte[] input)
    {
        var fields = FuzzTarget.Lines(input);
        string? Field(int i) => i < fields.Length ? fields[i] : null;
        var validation = new CreditRobot.Quotes.QuoteInput();
        var quote = CreditRobot.Quotes.QuoteInput.FromText(Field(0), Field(1), Field(2), validation);
        if ((quote is null) == validation.IsValid)
            throw new ContractViolation($"quote {quote} with errors '{validation.Detail}'");
    }

    /// <summary>POST /api/applications: the JSON body, then the validation before anything is stored.</summary>
    public static void ApplicationJson(byte[] input)
    {
        ApplicationRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(input, AppJsonContext.Default.ApplicationRequest);
        }
        catch (JsonException)
        {
            return; // answered 400 "must be a JSON object" / "has the wrong type"
        }
        var validation = new CreditRobot.Quotes.QuoteInput();
        var quote = ApplicationEndpoints.Validate(request, validation, out var name);
        if ((quote is null) == validation.IsValid || (quote is not null && name is null))
            throw new ContractViolation($"application {quote} named '{name}' with errors '{validation.Detail}'");
    }
}
