using CreditRobot.Hosting;
using CreditRobot.Applications;
using CreditRobot.Data;
using CreditRobot.Quotes;
using ServerConfig;

namespace CreditRobot.Pages;

/// <summary><c>/</c>: the form and its result; <c>/applications</c>: the latest applications.</summary>
public static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/").AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.ContentSecurityPolicy = Html.ContentSecurityPolicy;
            return await next(context);
        });
        pages.MapMethods("/", GetOrHead.Methods, (string? amount, string? income, string? term, string? applicantName) =>
        {
            if (amount is null && income is null && term is null) return Html.Page("Loan quote", Form(null));
            var input = new QuoteInput();
            var quote = QuoteInput.FromText(amount, income, term, input);
            var values = new Dictionary<string, string?> { ["applicantName"] = applicantName, ["amount"] = amount, ["income"] = income, ["term"] = term };
            return quote is null
                ? Html.Page("Loan quote", Errors(input) + Form(values), 400)
                : Html.Page("Loan quote", Result(quote, null) + Form(values));
        });
        pages.MapPost("/", async (HttpContext context, ApplicationStore store, ServerSettings settings, CancellationToken cancellationToken) =>
        {
            if (!context.Request.HasFormContentType)
                return Html.Page("Loan application", Problem("send the form as application/x-www-form-urlencoded or multipart/form-data") + Form(null), 415);
            if (RequestBodies.Refuse(context, settings.RequestBodyLimit) is { } tooLarge) return tooLarge;
            if (RequestBodies.UnsupportedCharset(context.Request) is { } charset)
                return Html.Page("Loan application", Problem($"charset {charset} is not supported (send the form as UTF-8)") + Form(null), 415);
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException || (e is IOException and not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested))
            {
                // Too many fields, a broken or truncated multipart body: the client's mistake, said in words.
                return Html.Page("Loan application", Problem($"the form could not be read: {e.Message}") + Form(null), 400);
            }
            var values = new[] { "applicantName", "amount", "income", "term" }.ToDictionary(k => k, k => (string?)form[k].ToString());
            var input = new QuoteInput();
            var name = ApplicationEndpoints.ValidateName(values["applicantName"], input);
            var quote = QuoteInput.FromText(values["amount"], values["income"], values["term"], input);
            if (quote is null || name is null)
                return Html.Page("Loan application", Errors(input) + Form(values), 400);
            var stored = await store.AddAsync(name, quote, cancellationToken);
            return Html.Page("Loan application", Result(quote, stored) + Form(null), 201);
        });
        pages.MapMethods("/applications", GetOrHead.Methods, async (ApplicationStore store, CancellationToken cancellationToken) =>
        {
            var rows = (await store.LatestAsync(20, cancellationToken)).Select(a =>
                $"<tr><td>{a.Id}</td><td>{Html.E(a.ApplicantName)}</td><td>{Html.E(a.Amount)}</td><td>{Html.E(a.Income)}</td>" +
                $"<td>{a.Term}</td><td>{Html.E(a.MonthlyPayment)}</td><td>{(a.Approved ? "approved" : "declined")}</td>" +
                $"<td>{Html.E(a.Reason)}</td><td>{Html.E(a.CreatedAt.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture))}</td></tr>");
            return Html.Page("Latest applications", $"""
                <table>
                <tr><th>#</th><th>Applicant</th><th>Amount</th><th>Monthly income</th><th>Term</th><th>Monthly payment</th><th>Decision</th><th>Reason</th><th>Submitted</th></tr>
                {string.Join("\n", rows)}
                </table>
                """);
        });
    }

    private static string Form(IReadOnlyDictionary<string, string?>? values)
    {
        string V(string key) => Html.E(values?.GetValueOrDefault(key));
        return $"""
            <form method="post" action="/">
            <label>Name <input name="applicantName" value="{V("applicantName")}"></label>
            <label>Amount <input name="amount" value="{V("amount")}" inputmode="decimal"></label>
            <label>Monthly income <input name="income" value="{V("income")}" inputmode="decimal"></label>
            <label>Term (months) <input name="term" value="{V("term")}" inputmode="numeric"></label>
            <button formmethod="get">Quote</button> <button>Apply</button>
            </form>
            """;
    }

    private static string Result(Quote quote, LoanApplication? stored) => $"""
        <section class="result">
        <p>Monthly payment: <strong>{Html.E(quote.MonthlyPayment)}</strong> - {(quote.Approved ? "approved" : "declined")}: {Html.E(quote.Reason)}</p>
        {(stored is null ? "" : $"<p>Application #{stored.Id} for {Html.E(stored.ApplicantName)} recorded. <a href=\"/applications\">See all</a></p>")}
        </section>
        """;

    private static string Problem(string text) => $"<ul class=\"errors\"><li>{Html.E(text)}</li></ul>";

    private static string Errors(QuoteInput input) =>
        "<ul class=\"errors\">" + string.Join("", input.Errors.Select(e => $"<li>{Html.E(e.Key)}: {Html.E(string.Join(", ", e.Value))}</li>")) + "</ul>";
}
