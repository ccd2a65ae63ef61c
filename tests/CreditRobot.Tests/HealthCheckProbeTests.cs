using CreditRobot.Hosting;
using ServerConfig;

namespace CreditRobot.Tests;

/// <summary>Issue 23: the HEALTHCHECK probe finds the server where it listens (the container proof: tests/SmokeTests).</summary>
public sealed class HealthCheckProbeTests
{
    [Theory]
    [InlineData("0.0.0.0", new[] { "127.0.0.1", "::1" })]
    [InlineData("::", new[] { "127.0.0.1", "::1" })] // a [::] bind is dual-stack: IPv4 loopback answers even without IPv6
    [InlineData("localhost", new[] { "127.0.0.1", "::1" })]
    [InlineData("127.0.0.1", new[] { "127.0.0.1" })]
    [InlineData("::1", new[] { "::1" })]
    public void A_wildcard_bind_is_probed_on_IPv4_loopback_first(string host, string[] expected) =>
        HealthCheckProbe.Hosts(new BindAddress(host, 8080)).Should().Equal(expected);

    [Theory]
    [InlineData("/app/CreditRobot|--config|/app/server.conf|--bind|[::]:9000", "/app/CreditRobot", "--config|/app/server.conf|--bind|[::]:9000")]
    [InlineData("/sbin/docker-init|--|/app/CreditRobot|--config|/app/server.conf", "/app/CreditRobot", "--config|/app/server.conf")]
    [InlineData("/app/CreditRobot", "/app/CreditRobot", "")]
    [InlineData("CreditRobot|--timeout|5", "/app/CreditRobot", "--timeout|5")]
    [InlineData("/usr/bin/dotnet|/srv/CreditRobot.dll|--workers|2", "dotnet|/x/CreditRobot.dll", "--workers|2")]
    public void The_servers_arguments_follow_this_program_on_PID_1s_command_line(string pid1, string program, string expected) =>
        ServerCommandLine.After(pid1.Split('|'), program.Split('|'))!.Should().Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("/sbin/init")]
    [InlineData("/usr/bin/dotnet|/srv/Other.dll|--workers|2")]
    public void Another_PID_1_gives_no_server_arguments(string pid1) =>
        ServerCommandLine.After(pid1.Split('|'), ["dotnet", "/x/CreditRobot.dll"]).Should().BeNull();
}
