using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>
/// Issue 23, start-up input: a DATABASE_URL the app cannot use exits 2 before listening, with one line naming the
/// variable, what is wrong and what would be right, and never the value (it holds the password).
/// </summary>
public sealed class DatabaseUrlInputTests
{
    private const string Expected = "(expected postgres://user:password@host:port/database[?sslmode=disable|prefer|require])";

    private static async Task<AppProcess> RefusedAsync(string url)
    {
        var app = AppProcess.Start(new AppOptions { Environment = { ["DATABASE_URL"] = url } });
        (await app.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2, app.Output);
        app.Stderr.Should().ContainSingle(app.Output);
        app.Stdout.Should().BeEmpty("refused before anything was served");
        return app;
    }

    [Theory]
    [InlineData("postgres://app:hunter2%00x@127.0.0.1:5432/app", "password")]
    [InlineData("postgres://app%00hunter2:pw@127.0.0.1:5432/app", "user name")]
    [InlineData("postgres://app:hunter2@127.0.0.1:5432/app%00hunter2", "database name")]
    public async Task A_NUL_in_DATABASE_URL_exits_2_without_echoing_the_value(string url, string part)
    {
        await using var app = await RefusedAsync(url);

        app.Stderr[0].Should().Be($"DATABASE_URL: the {part} contains a NUL character (%00), which PostgreSQL cannot take {Expected}")
            .And.NotContain("hunter2");
    }

    [Theory]
    [InlineData("VerifyFull")]
    [InlineData("5")]
    [InlineData("verify-full")]
    [InlineData("allow")]
    [InlineData("")]
    public async Task An_sslmode_other_than_disable_prefer_or_require_exits_2_naming_them(string mode)
    {
        await using var app = await RefusedAsync($"postgres://app:hunter2@127.0.0.1:5432/app?sslmode={mode}");

        app.Stderr[0].Should().Be($"DATABASE_URL: sslmode must be disable, prefer or require {Expected}");
    }

    [Fact]
    public async Task An_unsupported_query_parameter_is_named_without_its_value()
    {
        await using var app = await RefusedAsync("postgres://app@127.0.0.1:5432/app?password=hunter2");

        app.Stderr[0].Should().Be($"DATABASE_URL: unsupported query parameter 'password' {Expected}");
    }

    [Fact]
    public async Task Port_0_exits_2_naming_the_ports_there_are()
    {
        // Found by ./build.sh Fuzz: Npgsql threw ArgumentOutOfRangeException (exit 139 with a stack trace).
        await using var app = await RefusedAsync("postgres://app:hunter2@127.0.0.1:0/app");

        app.Stderr[0].Should().Be($"DATABASE_URL: port 0 is no port to connect to (expected 1-65535, or none for 5432) {Expected}");
    }

    [Fact]
    public async Task A_query_key_that_is_no_parameter_name_is_not_repeated()
    {
        // Found by ./build.sh Fuzz: a mangled URL put "user:password@" after the '?', and the error repeated it as the key.
        await using var app = await RefusedAsync("postgres://127.0.0.1:5432/app?sslmodepostgres://app:hunter2@db=require");

        app.Stderr[0].Should().Be($"DATABASE_URL: unsupported query parameter '(not a parameter name)' {Expected}").And.NotContain("hunter2");
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("Require")]
    public async Task The_documented_sslmodes_are_accepted(string mode)
    {
        var app = AppProcess.Start(new AppOptions { Args = ["--check-config"], Environment = { ["DATABASE_URL"] = $"postgres://app:pw@127.0.0.1:5432/app?sslmode={mode}" } });
        await using var _ = app;

        (await app.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, app.Output);
    }

    [Fact]
    public async Task A_tab_before_a_trailing_comment_in_server_conf_is_a_comment()
    {
        var app = AppProcess.Start(new AppOptions { Config = "workers = 3\t# note\nthreads = 2 \t # another\n", Args = ["--check-config"] });
        await using var _ = app;

        (await app.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, app.Output);
        app.Stdout.Should().ContainSingle().Which.Should().Contain("workers=3").And.Contain("threads=2");
    }
}
