using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CreditRobot.Tests.Infrastructure;
using TypedBuild;

namespace CreditRobot.Tests;

/// <summary>The Gunicorn settings that mean something here: max_requests, backlog, certfile/keyfile, GUNICORN_CMD_ARGS.</summary>
public sealed class GunicornSettingsTests
{
    [Fact]
    public async Task max_requests_closes_a_keep_alive_connection_after_its_Nth_response()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = "max_requests = 2" });
        using var connection = await RawHttp.ConnectAsync(app.Port);

        (await connection.GetAsync("/")).Should().StartWith("HTTP/1.1 200").And.NotContain("Connection: close");
        (await connection.GetAsync("/")).Should().StartWith("HTTP/1.1 200").And.Contain("Connection: close");
        (await connection.ClosedByServerWithinAsync(TimeSpan.FromSeconds(5))).Should().BeTrue("the second response ends the connection");
    }

    [Fact]
    public async Task backlog_is_the_listen_backlog_of_the_socket()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = "backlog = 37" });

        // ss shows a listening socket's backlog as its Send-Q.
        var listening = (await ProcessRunner.Silent.RunAsync("ss", ["-Hltn", $"sport = :{app.Port}"])).StandardOutput;

        listening.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Should().Be("37", listening);
    }

    [Fact]
    public async Task certfile_and_keyfile_serve_HTTPS_with_that_certificate()
    {
        await InTlsDirectoryAsync(async directory =>
        {
            using var certificate = SelfSigned(directory, "tls");
            await using var app = AppProcess.Start(new AppOptions
            {
                Environment = { ["GUNICORN_CMD_ARGS"] = $"--certfile {directory}/tls.crt --keyfile {directory}/tls.key" },
            });
            using var https = new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            }) { BaseAddress = new Uri($"https://127.0.0.1:{app.Port}"), Timeout = TimeSpan.FromSeconds(10) };

            await Eventually.UntilAsync(async () =>
            {
                if (app.HasExited) throw new Xunit.Sdk.XunitException($"the app exited\n{app.Output}");
                return (await https.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
            }, "GET https://…/healthz with the test's certificate", context: () => app.Output);
            (await https.GetAsync("/api/quote?amount=100&income=100&term=3")).StatusCode.Should().Be(HttpStatusCode.OK);
            await FluentActions.Awaiting(() => app.Http.GetAsync("/healthz")).Should().ThrowAsync<HttpRequestException>("plain HTTP is not served on a TLS port");
        });
    }

    [Fact]
    public async Task The_healthcheck_probes_a_TLS_server_over_HTTPS_trusting_exactly_its_certfile()
    {
        await InTlsDirectoryAsync(async directory =>
        {
            // Issued for the service's name, as in a cluster: the probe on 127.0.0.1 must not need the name to match.
            SelfSigned(directory, "tls", "creditrobot.payments.svc").Dispose();
            SelfSigned(directory, "other", "creditrobot.payments.svc").Dispose();
            await using var app = AppProcess.Start(new AppOptions { Args = ["--certfile", $"{directory}/tls.crt", "--keyfile", $"{directory}/tls.key"] });
            var served = ServerConfig.ServerSettings.Defaults with { Bind = new ServerConfig.BindAddress("127.0.0.1", app.Port), CertFile = $"{directory}/tls.crt" };
            var output = new StringWriter();

            await Eventually.UntilAsync(async () =>
            {
                if (app.HasExited) throw new Xunit.Sdk.XunitException($"the app exited\n{app.Output}");
                output.GetStringBuilder().Clear();
                return await CreditRobot.Hosting.HealthCheckProbe.RunAsync(["--healthcheck", "--bind", $"127.0.0.1:{app.Port}"], served, output, CancellationToken.None) == 0;
            }, "the healthcheck probe over HTTPS", context: () => $"{output}\n{app.Output}");
            output.ToString().Should().Contain($"https://127.0.0.1:{app.Port}/healthz answered 200");

            var pinnedToAnother = await CreditRobot.Hosting.HealthCheckProbe.RunAsync(["--healthcheck"], served with { CertFile = $"{directory}/other.crt" }, output, CancellationToken.None);
            pinnedToAnother.Should().Be(1, "a server presenting another certificate than certfile's is not this server");
            (await CreditRobot.Hosting.HealthCheckProbe.RunAsync(["--healthcheck"], served with { CertFile = $"{directory}/missing.crt" }, output, CancellationToken.None)).Should().Be(1);
            output.ToString().Should().Contain($"cannot read the certificate in certfile '{directory}/missing.crt'");
        });
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_certificate_exits_2_naming_both_files()
    {
        await InTlsDirectoryAsync(async directory =>
        {
            SelfSigned(directory, "one").Dispose();
            SelfSigned(directory, "two").Dispose();
            await using var app = AppProcess.Start(new AppOptions { Args = ["--certfile", $"{directory}/one.crt", "--keyfile", $"{directory}/two.key"] });

            (await app.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2);
            app.Stderr.Should().ContainSingle().Which.Should()
                .StartWith($"--certfile, --keyfile: certfile/keyfile: cannot load '{directory}/one.crt' with '{directory}/two.key': ")
                .And.EndWith("(expected a readable PEM certificate and its unencrypted PEM private key)");
        });
    }

    [Fact]
    public async Task GUNICORN_CMD_ARGS_sets_settings_below_the_command_line_and_the_start_up_line_says_so()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions
        {
            Environment = { ["GUNICORN_CMD_ARGS"] = "-w 3 -t 9 --access-logformat '%(s)s %(m)s %(U)s'" },
            Args = ["-t", "7"],
        });

        await app.Http.GetAsync("/api/quote?amount=100&income=100&term=3");

        await app.WaitForLineAsync(false, l => l == "200 GET /api/quote", "the access line in GUNICORN_CMD_ARGS's format");
        app.Stderr.Should().Contain(l => l.Contains("workers=3 (GUNICORN_CMD_ARGS -w)") && l.Contains("timeout=7 (-t)"), app.Output);
    }

    // A self-signed certificate for 127.0.0.1 as NAME.crt and NAME.key (PEM), made here, as an operator's would be.
    /// <summary>Runs <paramref name="test"/> with a temporary directory for certificate files, removed afterwards.</summary>
    private static async Task InTlsDirectoryAsync(Func<string, Task> test)
    {
        var directory = Directory.CreateTempSubdirectory("creditrobot-tls-").FullName;
        try
        {
            await test(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A self-signed certificate for 127.0.0.1, or for a DNS name such as a cluster service's, as name.crt and name.key.</summary>
    private static X509Certificate2 SelfSigned(string directory, string name, string? dnsName = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName ?? "127.0.0.1"}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        if (dnsName is null)
            names.AddIpAddress(IPAddress.Loopback);
        else
            names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(directory, $"{name}.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }
}
