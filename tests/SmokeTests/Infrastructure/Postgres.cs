using Containers;
using Testcontainers.PostgreSql;
using Testing;

namespace SmokeTests.Infrastructure;

/// <summary>PostgreSQL through Testcontainers' module, on the image the build hands over (official contract).</summary>
internal static class Postgres
{
    public const string Database = "creditrobot";
    public const string User = "creditrobot";
    public const string Password = "smoke-test-only";

    public static PostgreSqlBuilder Builder() =>
        new PostgreSqlBuilder(TestImages.Postgres)
            .WithDatabase(Database).WithUsername(User).WithPassword(Password)
            .WithCommand("-c", "fsync=off") // a throwaway database: durability buys nothing here
            .ForTest();

    /// <summary>The URL a container on the same network uses: postgres://user:password@alias:5432/database.</summary>
    public static string NetworkUrl(string alias) => $"postgres://{User}:{Password}@{alias}:5432/{Database}";
}
