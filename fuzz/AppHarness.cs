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
            catch (FormatException)
            {
                // Metamorphic: the same input with its password replaced by a marker must give an error without the
                // marker. (Looking for the password itself in the error flags passwords such as "postgre" that the
                // error's fixed words contain.)
                if (Password(text) is not { } password)
                    continue;
                var marked = text.Replace(password, Marker, StringComparison.Ordinal);
                try
                {
                    CreditRobot.Data.DatabaseUrl.ConnectionString(new Dictionary<string, string> { [variable] = marked });
                }
                catch (FormatException e) when (e.Message.Contains(Marker, StringComparison.Ordinal))
                {
                    throw new ContractViolation($"{variable}: the error repeats the password: {e.Message}");
                }
                catch (FormatException)
                {
                }
            }
        }
    }

    private const string Marker = "Qx7SecretMarker";

    // The password as the app reads it (System.Uri's user information), Password=PASSWORD in a connection string. A short
    // one ("65") also stands for the same characters elsewhere in the input, which the marker would replace too.
    private static string? Password(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.UserInfo.Split(':', 2) is [_, { Length: >= 6 } url] ? url
        : KeywordPassword().Match(text) is { Success: true } keyword ? keyword.Groups[1].Value
        : null;

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
