using Npgsql;

namespace CreditRobot.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL from Debian's package: initdb once per test run into a template, then
/// one copy per server, listening only on 127.0.0.1 with its unix socket in its own directory.
/// Small on purpose: the container fixture can replace it behind <see cref="ConnectionString"/>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    // Debian's layout; the newest installed major version wins.
    private static readonly Lazy<string> Bin = new(() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin (install them: apt-get install -y postgresql)"));
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;
    private readonly string _directory;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password=unused;Database={database};Timeout=5;Pooling=false";

    /// <summary>As a PaaS would set it; the password is ignored (trust auth) but exercises the parser.</summary>
    public string DatabaseUrl(string database) => $"postgres://postgres:s3cr%40t@127.0.0.1:{Port}/{database}";

    /// <summary>A server with its data directory ready; started unless <paramref name="start"/> is false.</summary>
    public static async Task<PostgresServer> CreateAsync(bool start = true)
    {
        var template = await TemplateAsync();
        var directory = Directory.CreateTempSubdirectory("creditrobot-pg-").FullName;
        await AsRootOrSelf("cp", ["-a", template, Path.Combine(directory, "data")]);
        await AsRootOrSelf("chown", ["-R", "postgres:postgres", directory]);
        var server = new PostgresServer(directory, ProcessRunner.FreePort());
        if (start) await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        await Postgres("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            "start");
        IsRunning = true;
    }

    public async Task StopAsync()
    {
        IsRunning = false;
        await Postgres("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
    }

    /// <summary>A fresh, empty database: tests never share schema state.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return name;
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (IsRunning) await StopAsync();
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // initdb takes seconds: one template per machine, reused by later runs. It is built aside and
    // renamed into place, so concurrent test runs never see half a template.
    private static async Task<string> TemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var stable = Path.Combine(Path.GetTempPath(), $"creditrobot-pg{Path.GetFileName(Path.GetDirectoryName(Bin.Value))}-template");
            if (!Directory.Exists(stable))
            {
                var building = Directory.CreateTempSubdirectory("creditrobot-pg-building-").FullName;
                await AsRootOrSelf("chown", ["postgres:postgres", building]);
                await Postgres("initdb", "-D", Path.Combine(building, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
                try
                {
                    Directory.Move(building, stable);
                }
                catch (IOException) when (Directory.Exists(stable))
                {
                    Directory.Delete(building, recursive: true); // another run won the race
                }
            }
            return _template = Path.Combine(stable, "data");
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    // initdb and postgres refuse to run as root: run them as the postgres user (CI runs as root).
    private static Task<string> Postgres(string tool, params string[] args) => Environment.UserName == "root"
        ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin.Value, tool), .. args], TimeSpan.FromSeconds(90))
        : ProcessRunner.RunAsync(Path.Combine(Bin.Value, tool), args, TimeSpan.FromSeconds(90));

    private static Task<string> AsRootOrSelf(string tool, string[] args) =>
        tool == "chown" && Environment.UserName != "root" ? Task.FromResult("") : ProcessRunner.RunAsync(tool, args, TimeSpan.FromSeconds(60));
}
