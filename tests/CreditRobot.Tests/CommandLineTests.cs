using Containers;
using CreditRobot.Tests.Infrastructure;
using ServerConfig;

namespace CreditRobot.Tests;

/// <summary>The binary's contract: bad settings exit 2 before listening, with one exact message per problem.</summary>
public sealed class CommandLineTests
{
    private static async Task<AppProcess> ExitedAsync(AppOptions options, int expectedExitCode)
    {
        var app = AppProcess.Start(options);
        (await app.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(expectedExitCode, app.Output);
        return app;
    }

    [Fact]
    public async Task A_bad_server_conf_line_exits_2_with_file_line_key_and_expectation()
    {
        await using var app = await ExitedAsync(new AppOptions { Config = "# settings\nloglevel = loud\ntimeout = -1\n" }, 2);
        var file = Path.Combine(app.Directory, "server.conf");

        app.Stderr.Should().Equal(
            $"{file}:2: loglevel: 'loud' is not a log level (expected one of debug, info, warning, error, critical)",
            $"{file}:3: timeout: -1 is negative (expected whole seconds 0-3600)");
        app.Stdout.Should().BeEmpty("nothing was served or logged before the refusal");
    }

    [Theory]
    [InlineData("PORT", "70000", "PORT: bind: port 70000 is out of range (expected a port 0-65535)")]
    [InlineData("SERVER_KEEPALIVE", "soon", "SERVER_KEEPALIVE: keepalive: 'soon' is not a whole number (expected whole seconds 0-600)")]
    [InlineData("SERVER_WORKER", "4", "SERVER_WORKER: unknown setting variable (did you mean SERVER_WORKERS?)")]
    [InlineData("DATABASE_URL", "mysql://db/app", "DATABASE_URL: not a postgres:// URL (expected postgres://user:password@host:port/database[?sslmode=disable|prefer|require])")]
    [InlineData("DATABASE_URL", "postgres://u:p@db:5432/app?pool=9", "DATABASE_URL: unsupported query parameter 'pool' (expected postgres://user:password@host:port/database[?sslmode=disable|prefer|require])")]
    public async Task A_bad_variable_exits_2_naming_the_variable(string name, string value, string message)
    {
        await using var app = await ExitedAsync(new AppOptions { Environment = { [name] = value } }, 2);

        app.Stderr.Should().Equal(message);
    }

    [Fact]
    public async Task A_missing_config_file_and_an_unknown_flag_exit_2()
    {
        await using var missing = await ExitedAsync(new AppOptions { Args = ["--config", "nowhere.conf"], BindLoopback = false }, 2);
        await using var flag = await ExitedAsync(new AppOptions { Args = ["--keep-alive", "3"], BindLoopback = false }, 2);

        missing.Stderr.Should().Equal($"nowhere.conf: file not found at {Path.Combine(missing.Directory, "nowhere.conf")} (expected a readable server.conf; check --config)");
        flag.Stderr.Should().Equal("--keep-alive: unknown option (did you mean --keepalive?)");
    }

    [Fact]
    public async Task An_errorlog_that_cannot_be_opened_exits_2_naming_where_it_was_set()
    {
        await using var app = await ExitedAsync(new AppOptions { Config = "errorlog = /nonexistent-dir/error.log" }, 2);

        app.Stderr.Should().ContainSingle().Which.Should()
            .StartWith($"{Path.Combine(app.Directory, "server.conf")}:1: errorlog: cannot open '/nonexistent-dir/error.log': ")
            .And.EndWith("(expected a writable file path)");
    }

    [Fact]
    public async Task A_port_in_use_exits_1_after_saying_so()
    {
        var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
        try
        {
            await using var app = await ExitedAsync(new AppOptions { Args = ["--bind", $"127.0.0.1:{port}"], BindLoopback = false }, 1);

            app.Stderr.Should().Contain(l => l.Contains($"cannot listen on 127.0.0.1:{port} (--bind)"));
            app.Output.Should().NotContain("   at ", "a port in use is the user's to fix: one line, no stack trace")
                .And.NotContain("Hosting failed to start");
        }
        finally
        {
            busy.Stop();
        }
    }

    [Fact]
    public async Task check_config_prints_the_effective_settings_and_help_lists_every_flag()
    {
        await using var check = await ExitedAsync(new AppOptions { Config = "workers = 3", Args = ["--check-config"], Environment = { ["PORT"] = "6000" }, BindLoopback = false }, 0);
        await using var help = await ExitedAsync(new AppOptions { Args = ["--help"], BindLoopback = false }, 0);

        check.Stdout.Should().ContainSingle().Which.Should().StartWith($"bind=0.0.0.0:6000 (PORT) workers=3 ({Path.Combine(check.Directory, "server.conf")}:1) worker_class=async");
        foreach (var setting in SettingsTable.All) help.Stdout.Should().Contain(l => l.TrimStart().StartsWith(setting.Flag));
    }

    [Fact]
    public async Task healthcheck_exits_0_against_a_healthy_app_and_1_when_nothing_answers()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions());
        await using var healthy = await ExitedAsync(new AppOptions { Args = ["--healthcheck"], Environment = { ["PORT"] = app.Port.ToString() }, BindLoopback = false }, 0);
        await using var nobody = await ExitedAsync(new AppOptions { Args = ["--healthcheck", "--bind", $"127.0.0.1:{FreePort.Next()}"], BindLoopback = false }, 1);

        healthy.Stdout.Should().Equal($"healthcheck: http://127.0.0.1:{app.Port}/healthz answered 200");
        nobody.Stdout.Should().ContainSingle().Which.Should().Contain("failed: Connection refused");
    }

    [Theory]
    [InlineData("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", "answered 503")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n", "failed: ")]
    [InlineData("HTTP/1.1 2", "failed: ")]
    [InlineData(null, "failed: ")]
    public async Task healthcheck_exits_1_when_the_port_answers_anything_but_2xx(string? answer, string expected)
    {
        // A stand-in on the port: answers with the given bytes and closes, or accepts and stays silent (null).
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            if (answer is null) { await Task.Delay(TimeSpan.FromSeconds(10)); return; }
            await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(answer));
        });

        await using var probe = await ExitedAsync(new AppOptions { Args = ["--healthcheck", "--bind", $"127.0.0.1:{port}"], BindLoopback = false }, 1);

        probe.Stdout.Should().ContainSingle().Which.Should().StartWith($"healthcheck: http://127.0.0.1:{port}/healthz {expected}");
        listener.Stop();
    }
}
