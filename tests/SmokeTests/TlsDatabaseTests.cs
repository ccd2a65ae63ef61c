using Containers;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// <c>DATABASE_URL=…?sslmode=require</c> against a PostgreSQL that accepts TLS connections only: the image must
/// bring what .NET's TLS loads (OpenSSL, dlopen'ed at run time, so a missing library shows only here).
/// </summary>
public sealed class TlsDatabaseTests(ITestOutputHelper output)
{
    private const string Alias = "tls-db";
    private const string User = "creditrobot";

    [Fact]
    public async Task The_app_connects_with_sslmode_require_to_a_database_that_refuses_plain_connections()
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var (certificatePem, keyPem) = SelfSignedCertificate(Alias);
        await using var network = new NetworkBuilder().WithName($"creditrobot-tls-{Guid.NewGuid():N}"[..24]).WithSessionLabels().Build();
        // Only hostssl lines for TCP: a plain connection is refused, so /readyz answering 200 means TLS worked.
        const string hba = "local all all trust\nhostssl all all 0.0.0.0/0 scram-sha-256\nhostssl all all ::/0 scram-sha-256\n";
        // PostgreSQL refuses a key readable by others or owned by someone else: the server's user copies it to 0600
        // before the image's entrypoint (the official image's, or our bootstrapped one's) starts the server with TLS on.
        await using var postgres = new ContainerBuilder(TestImages.Postgres)
            .ForTest()
            .WithNetwork(network)
            .WithNetworkAliases(Alias)
            .WithEnvironment("POSTGRES_USER", User)
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithEnvironment("POSTGRES_DB", User)
            .WithResourceMapping(Encoding.ASCII.GetBytes(certificatePem), FilePath.Of("/tls/server.crt"))
            .WithResourceMapping(Encoding.ASCII.GetBytes(keyPem), FilePath.Of("/tls/server.key"))
            .WithResourceMapping(Encoding.ASCII.GetBytes(hba), FilePath.Of("/tls/pg_hba.conf"))
            .WithEntrypoint("sh", "-c",
                "cp /tls/server.key /tmp/server.key && chmod 600 /tmp/server.key && " +
                "exec \"$(command -v docker-entrypoint.sh || echo /usr/local/bin/entrypoint.sh)\" postgres " +
                "-c ssl=on -c ssl_cert_file=/tls/server.crt -c ssl_key_file=/tmp/server.key -c hba_file=/tls/pg_hba.conf")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("database system is ready to accept connections"))
            .Build();
        await using var app = (await App.BuilderAsync("tls"))
            .WithNetwork(network)
            .WithEnvironment("DATABASE_URL", $"postgres://{User}:{password}@{Alias}:5432/{User}?sslmode=require")
            .WithWaitStrategy(App.UntilHealthy())
            .Build();

        try
        {
            await postgres.StartAsync();
            await app.StartAsync();
            await Eventually.HoldsAsync(async () => (await app.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "/readyz to answer 200 over a TLS-only database connection");

            // The server's own view: the app's pooled connection is encrypted.
            var ssl = await postgres.ExecAsync(["psql", "-U", User, "-d", User, "-Atc",
                "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE ssl AND client_addr IS NOT NULL"]);
            ssl.ExitCode.Should().Be(0, ssl.Stderr);
            int.Parse(ssl.Stdout.Trim()).Should().BeGreaterThan(0, "the app's connection to PostgreSQL uses TLS");
        }
        catch (Exception)
        {
            foreach (var (name, container) in new[] { ("app", (IContainer)app), ("postgres", postgres) })
            {
                var (stdout, stderr) = await container.GetLogsAsync();
                output.WriteLine($"--- {name} logs ---\n{stdout}{stderr}");
            }
            throw;
        }
    }

    /// <summary>A throwaway server certificate for <paramref name="dnsName"/>: PEM certificate and PKCS#8 key.</summary>
    private static (string Certificate, string Key) SelfSignedCertificate(string dnsName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
