using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>
/// Issue 14, start-up: settings that used to crash the process (exit 134/139 with a stack trace) or stop a
/// Kubernetes pod are refused with exit 2 and one line naming the cause, or taken as they should be.
/// </summary>
public sealed class HostileStartupTests
{
    private static async Task<AppProcess> RefusedAsync(AppOptions options)
    {
        var app = AppProcess.Start(options);
        (await app.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2, app.Output);
        app.Stderr.Should().ContainSingle(app.Output).Which.Should().NotContain("Unhandled exception");
        app.Stdout.Should().BeEmpty("refused before anything was served");
        return app;
    }

    [Theory]
    [InlineData("--bind", "10.99.99.99:8080", "--bind: bind: 10.99.99.99 is not an address of this machine (expected one of 0.0.0.0, 127.0.0.1")]
    [InlineData("SERVER_BIND", "[2001:db8::1]:8080", "SERVER_BIND: bind: 2001:db8::1 is not an address of this machine (expected one of ::, 127.0.0.1")]
    public async Task A_bind_address_that_is_not_on_this_machine_exits_2_listing_the_ones_that_are(string where, string value, string message)
    {
        var options = where.StartsWith("--", StringComparison.Ordinal)
            ? new AppOptions { Args = [where, value], BindLoopback = false }
            : new AppOptions { Environment = { [where] = value }, BindLoopback = false };

        await using var app = await RefusedAsync(options);

        app.Stderr[0].Should().StartWith(message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_server_conf_the_user_cannot_read_exits_2_naming_the_file()
    {
        var directory = Directory.CreateTempSubdirectory("creditrobot-unreadable-").FullName;
        try
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101); // 755: nobody may enter, not read the file
            var config = Path.Combine(directory, "server.conf");
            await File.WriteAllTextAsync(config, "timeout = 5\n");
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite); // 600, owned by root

            await using var refused = await RefusedAsync(new AppOptions
            {
                Args = ["--config", config], BindLoopback = false, Environment = { ["HOME"] = "/tmp" },
                Through = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
            });

            refused.Stderr[0].Should().Be($"{config}: cannot read {config}: Access to the path '{config}' is denied. (expected a file this user can read; check its owner and mode)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Localhost_in_server_conf_with_PORT_0_exits_2_naming_both()
    {
        await using var app = await RefusedAsync(new AppOptions { Config = "bind = localhost:8080\n", Environment = { ["PORT"] = "0" }, BindLoopback = false });

        app.Stderr[0].Should().Be($"{Path.Combine(app.Directory, "server.conf")}:1, PORT: bind: localhost:0: port 0 needs an IP address, Kestrel cannot pick a free port for localhost (expected e.g. 127.0.0.1:0, or a port other than 0)");
    }

    [Theory]
    [InlineData("garbage", "ConnectionStrings__Default: not a Keyword=value; list Npgsql accepts")]
    [InlineData("postgres://app:hunter2@db:5432/app", "ConnectionStrings__Default: not a Keyword=value; list Npgsql accepts")]
    // Found by ./build.sh Fuzz: Npgsql's "Couldn't set <keyword>" quoted the whole URL before the '=', password included.
    [InlineData("postgres://app:hunter2@db:5432/app?sslmode=disable", "ConnectionStrings__Default: not a Keyword=value; list Npgsql accepts")]
    [InlineData("Host=db;Port=fivefour;Password=hunter2", "ConnectionStrings__Default: not a Keyword=value; list Npgsql accepts")]
    [InlineData("Username=app;Password=hunter2;Database=app", "ConnectionStrings__Default: Host is missing")]
    public async Task A_connection_string_Npgsql_cannot_use_exits_2_without_repeating_it(string value, string message)
    {
        await using var app = await RefusedAsync(new AppOptions { Environment = { ["ConnectionStrings__Default"] = value } });

        app.Stderr[0].Should().StartWith(message).And.EndWith("(expected Host=HOST;Port=5432;Database=DB;Username=USER;Password=…, or a postgres:// URL in DATABASE_URL)")
            .And.NotContain("hunter2", "the connection string holds the password");
    }

    [Fact]
    public async Task Kubernetes_service_links_of_a_Service_named_server_do_not_stop_the_app()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions
        {
            Environment =
            {
                ["SERVER_PORT"] = "tcp://10.0.0.1:80", ["SERVER_SERVICE_HOST"] = "10.0.0.1", ["SERVER_SERVICE_PORT"] = "80",
                ["SERVER_SERVICE_PORT_HTTP"] = "80", ["SERVER_PORT_80_TCP"] = "tcp://10.0.0.1:80", ["SERVER_PORT_80_TCP_PROTO"] = "tcp",
                ["SERVER_PORT_80_TCP_PORT"] = "80", ["SERVER_PORT_80_TCP_ADDR"] = "10.0.0.1", ["SERVER_LOGLEVEL"] = "debug",
            },
        });

        await app.WaitForLineAsync(true, l => l.Contains("[debug] CreditRobot: ignored Kubernetes service-link variables: SERVER_PORT, SERVER_PORT_80_TCP, SERVER_PORT_80_TCP_ADDR, SERVER_PORT_80_TCP_PORT, SERVER_PORT_80_TCP_PROTO, SERVER_SERVICE_HOST, SERVER_SERVICE_PORT, SERVER_SERVICE_PORT_HTTP"), "the debug line naming what was ignored");
        app.Stderr.Should().Contain(l => l.Contains($"bind=127.0.0.1:{app.Port} (--bind)"), "the port comes from the settings, never from SERVER_PORT");
    }

    [Theory]
    [InlineData("SERVER_PORT", "9000", "SERVER_PORT: not a setting variable (expected PORT=9000 for the port, or SERVER_BIND=HOST:PORT; only a Kubernetes service link, tcp://IP:PORT, is ignored here)")]
    [InlineData("SERVER_WROKERS", "3", "SERVER_WROKERS: unknown setting variable (did you mean SERVER_WORKERS?)")]
    public async Task A_SERVER_variable_that_is_neither_a_setting_nor_a_service_link_still_exits_2(string name, string value, string message)
    {
        await using var app = await RefusedAsync(new AppOptions { Environment = { [name] = value, ["SERVER_SERVICE_HOST"] = "10.0.0.1" } });

        app.Stderr[0].Should().Be(message);
    }

    [Fact]
    public async Task Workers_times_threads_beyond_the_thread_pool_exits_2_naming_the_limit()
    {
        ThreadPool.GetMaxThreads(out var max, out _);

        await using var app = await RefusedAsync(new AppOptions { Config = "workers = 256\n", Environment = { ["WEB_CONCURRENCY"] = "200" }, Args = ["--threads", "200"] });

        app.Stderr[0].Should().Be($"WEB_CONCURRENCY, --threads: workers x threads = 200 x 200 = 40000 is more than the thread pool accepts (expected at most {max}, ThreadPool.GetMaxThreads)");
    }

    [Fact]
    public async Task Junk_after_a_quoted_value_exits_2_with_file_and_line()
    {
        await using var app = await RefusedAsync(new AppOptions { Config = "# ok\naccesslog = \"access.log\" junk\n" });

        app.Stderr[0].Should().Be($"{Path.Combine(app.Directory, "server.conf")}:2: accesslog: unexpected 'junk' after the closing quote (expected only a # comment after \"value\")");
    }
}
