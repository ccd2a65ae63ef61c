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
        var directory = Directory.CreateTempSubdirectory("creditrobot-tls-").FullName;
        try
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
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_certificate_exits_2_naming_both_files()
    {
        var directory = Directory.CreateTempSubdirectory("creditrobot-tls-").FullName;
        try
        {
            SelfSigned(directory, "one").Dispose();
            SelfSigned(directory, "two").Dispose();
            await using var app = AppProcess.Start(new AppOptions { Args = ["--certfile", $"{directory}/one.crt", "--keyfile", $"{directory}/two.key"] });

            (await app.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2);
            app.Stderr.Should().ContainSingle().Which.Should()
                .StartWith($"--certfile, --keyfile: certfile/keyfile: cannot load '{directory}/one.crt' with '{directory}/two.key': ")
                .And.EndWith("(expected a readable PEM certificate and its unencrypted PEM private key)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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
    private static X509Certificate2 SelfSigned(string directory, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(directory, $"{name}.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }
}
