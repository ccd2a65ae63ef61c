using Containers.PostgreSql;
using Containers.Testing;
using Containers.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Containers.Tests.PostgreSql;

public sealed class PostgreSqlTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Server_accepts_connections_from_the_host_and_from_the_private_network()
    {
        await using var network = new NetworkBuilder().WithName("pg").Build();
        await using var postgres = new PostgreSqlBuilder()
            .WithNetwork(network, alias: "db")
            .WithOutputConsumer(new XunitOutputConsumer(output))
            .Build();
        await postgres.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            // From the host: a real round trip through 127.0.0.1 and the mapped port.
            await using (var connection = new NpgsqlConnection(postgres.GetConnectionString()))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("CREATE TABLE t (v text); INSERT INTO t VALUES ('kept'); SELECT v FROM t", connection);
                (await command.ExecuteScalarAsync()).Should().Be("kept");
            }

            var port = postgres.GetMappedPublicPort(PostgreSqlBuilder.Port);
            postgres.GetDatabaseUrl().Should().Be($"postgres://creditrobot:creditrobot-test@127.0.0.1:{port}/creditrobot");
            postgres.GetNetworkDatabaseUrl().Should().Be("postgres://creditrobot:creditrobot-test@db:5432/creditrobot");

            // From a container on the same network: the alias resolves and the port answers.
            await using var client = (await Busybox.BuilderAsync(output, "pg-client"))
                .WithNetwork(network)
                .WithCommand("sh", "-c", "nc -w 3 db 5432 </dev/null && echo reached db:5432")
                .Build();
            await client.StartAsync();
            (await client.GetExitCodeAsync()).Should().Be(0);
            (await client.GetLogsAsync()).Stdout.Should().Contain("reached db:5432");
        }, postgres);
    }

    [Fact]
    public async Task A_missing_image_fails_with_how_to_get_it()
    {
        await using var postgres = new PostgreSqlBuilder().WithImage("creditrobot/no-such-postgres:0").Build();

        var error = await postgres.Invoking(p => p.StartAsync()).Should().ThrowAsync<InvalidOperationException>();

        error.Which.Message.Should().Contain("creditrobot/no-such-postgres:0").And.Contain(PostgreSqlBuilder.ImageVariable).And.Contain("BaseImages");
    }
}
