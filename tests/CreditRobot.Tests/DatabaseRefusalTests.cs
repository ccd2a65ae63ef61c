using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>
/// Issue 23: a database that answers but refuses this app (wrong password, no CREATE rights, an authentication method
/// the app lacks) is the operator's configuration: 503 with Retry-After and one warning line naming the cause, /readyz
/// saying why, the process alive and retrying. Never a 500 with a stack trace, never a dead process (exit 0 or 139).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseRefusalTests(PostgresFixture postgres)
{
    private static readonly object Application = new { applicantName = "Refused", amount = 1000, income = 3000, term = 12 };

    private string Url(string user, string password, string database) =>
        $"postgres://{user}:{password}@127.0.0.1:{postgres.Server.Port}/{database}";

    private static async Task<string?> ReadyzReasonAsync(AppProcess app)
    {
        using var response = await app.Http.GetAsync("/readyz");
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString();
    }

    /// <summary>Each of the three database paths answers 503 + Retry-After: 5, with one warning line each and no stack trace.</summary>
    private static async Task EveryDatabasePathIs503WithOneLineAsync(AppProcess app, string cause)
    {
        var before = app.Stderr.Count(l => l.Contains("DatabaseFailureHandler"));
        using var post = await app.Http.PostAsJsonAsync("/api/applications", Application);
        using var page = await app.Http.GetAsync("/applications");
        using var one = await app.Http.GetAsync("/api/applications/1");

        foreach (var response in new[] { post, page, one })
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage!.RequestUri}\n{app.Output}");
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        }
        await Eventually.UntilAsync(() => app.Stderr.Count(l => l.Contains("DatabaseFailureHandler")) >= before + 3, "three failure lines", context: () => app.Output);
        var lines = app.Stderr.Where(l => l.Contains("DatabaseFailureHandler")).Skip(before).ToArray();
        lines.Should().HaveCount(3, "one line per request").And.OnlyContain(l => l.Contains("[warning]") && l.Contains(cause), app.Output);
        app.Stderr.Should().NotContain(l => l.StartsWith("   at ", StringComparison.Ordinal) || l.Contains("[error]"), app.Output);
    }

    [Fact]
    public async Task A_wrong_password_is_503_with_one_line_naming_the_cause()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Environment = { ["DATABASE_URL"] = Url("creditrobot", "wrong", database) } });

        await EveryDatabasePathIs503WithOneLineAsync(app, "28P01: password authentication failed for user \"creditrobot\"");
        (await ReadyzReasonAsync(app)).Should().Contain("password authentication failed");
        app.Stderr.Should().NotContain(l => l.Contains("wrong"), "the password never reaches the log");
    }

    [Fact]
    public async Task A_user_without_CREATE_rights_gets_503s_and_readyz_says_permission_denied()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var user = "limited_" + database[2..];
        await postgres.Server.ExecuteAsync($"CREATE ROLE {user} LOGIN PASSWORD 'limited'");
        await postgres.Server.ExecuteAsync("REVOKE CREATE ON SCHEMA public FROM PUBLIC", database); // PostgreSQL 15's default, made explicit
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Environment = { ["DATABASE_URL"] = Url(user, "limited", database) } });

        await EveryDatabasePathIs503WithOneLineAsync(app, "(the schema is not migrated: 42501: permission denied for schema public)");
        (await ReadyzReasonAsync(app)).Should().Be("schema at version 0, expected 2 (migrations failed: 42501: permission denied for schema public)");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_server_asking_for_GSS_authentication_leaves_the_app_alive_saying_why(bool preload)
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var user = "gss_" + database[2..];
        await postgres.Server.ExecuteAsync($"CREATE ROLE {user} LOGIN PASSWORD 'unused'");
        await RequireGssForAsync(user);
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions
        {
            Config = $"preload_app = {(preload ? "true" : "false")}\n",
            Environment = { ["DATABASE_URL"] = Url(user, "unused", database) },
        });

        await app.WaitForLineAsync(true, l => l.Contains("not ready (the server asks for an authentication method this app does not support"), "the migration's warning");
        await EveryDatabasePathIs503WithOneLineAsync(app, "GSS/Kerberos or SSPI");
        (await ReadyzReasonAsync(app)).Should().Contain("GSS/Kerberos");
        app.HasExited.Should().BeFalse("a refused login is retried, not fatal");

        app.Terminate();
        (await app.WaitForExitAsync(TimeSpan.FromSeconds(10))).Should().Be(0, app.Output);
        app.Stderr.Should().NotContain(l => l.Contains("[critical]") || l.Contains("Unhandled exception"), app.Output);
    }

    /// <summary>
    /// A pg_hba.conf rule for this one user on the shared server: <c>host all USER all gss</c> first, then the rules that
    /// were there, reloaded. The server then answers the user's login with an AuthenticationGSS request (no KDC needed).
    /// </summary>
    private async Task RequireGssForAsync(string user)
    {
        var file = await postgres.Server.ScalarAsync<string>("SHOW hba_file", PostgresServer.DefaultDatabase);
        // One command, two statements: COPY truncates its target before its query runs, so the rules are read first.
        await postgres.Server.ExecuteAsync($"""
            CREATE TEMP TABLE rules AS SELECT 'host all {user} all gss' AS line, 0::bigint AS n
                UNION ALL SELECT line, n FROM regexp_split_to_table(pg_read_file('{file}'), E'\n') WITH ORDINALITY AS t(line, n)
                WHERE line !~ '^\s*(#|$)';
            COPY (SELECT line FROM rules ORDER BY n) TO '{file}' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02')
            """);
        await postgres.Server.ExecuteAsync("SELECT pg_reload_conf()");
        await Eventually.UntilAsync(async () => await postgres.Server.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_hba_file_rules WHERE '{user}' = ANY(user_name) AND auth_method = 'gss' AND error IS NULL",
            PostgresServer.DefaultDatabase) == 1, "the server to load the gss rule");
    }
}
