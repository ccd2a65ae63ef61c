using System.Net;
using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>
/// <c>CreditRobot --healthcheck</c>: the image has no shell or curl, so the binary probes its own /healthz (Docker
/// HEALTHCHECK). 0 healthy, 1 not. It probes where the server listens: the server's settings are resolved from the
/// server's own command line (<see cref="ServerCommandLine"/>: flags given after the image name included) with the same
/// resolver, and a wildcard or localhost bind is probed on 127.0.0.1 first (a [::] bind is dual-stack and answers
/// there; a container without IPv6 has no ::1), then on ::1. A server with certfile is probed over HTTPS, trusting
/// exactly the certificate in that file (it is issued for the service's name, never for 127.0.0.1).
/// </summary>
public static class HealthCheckProbe
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ServerSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var server = ServersOwnSettings(args) ?? settings;
        var bind = server.Bind;
        if (bind.Port == 0)
        {
            await output.WriteLineAsync("healthcheck: bind port is 0 (a random port); set PORT or bind to probe it");
            return ExitCodes.Failure;
        }
        using var handler = new SocketsHttpHandler();
        if (server.Tls)
        {
            if (ServedCertificate(server.CertFile) is not { } served)
            {
                await output.WriteLineAsync($"healthcheck: cannot read the certificate in certfile '{server.CertFile}'");
                return ExitCodes.Failure;
            }
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(served);
        }
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        var hosts = Hosts(bind);
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i].Contains(':') ? $"[{hosts[i]}]" : hosts[i];
            var url = $"{(server.Tls ? "https" : "http")}://{host}:{bind.Port}/healthz";
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                await output.WriteLineAsync($"healthcheck: {url} answered {(int)response.StatusCode}");
                return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failure;
            }
            catch (HttpRequestException e) when (i + 1 < hosts.Count && e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                // nobody at this address (e.g. no ::1 in the container): try the next one
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await output.WriteLineAsync($"healthcheck: {url} failed: {e.Message}");
                return ExitCodes.Failure;
            }
        }
        return ExitCodes.Failure;
    }

    /// <summary>The addresses that reach a server bound to <paramref name="bind"/> from this machine, in the order to try.</summary>
    public static IReadOnlyList<string> Hosts(BindAddress bind) =>
        bind.Host is "localhost" || bind.Address is { } address && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            ? ["127.0.0.1", "::1"]
            : [bind.Host];

    /// <summary>The DER bytes of the first certificate in <paramref name="certFile"/> (PEM); null when unreadable.</summary>
    private static byte[]? ServedCertificate(string certFile)
    {
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certFile));
            return certificate.RawData;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// The server's settings when the probe was given none of its own (<c>--healthcheck</c> alone) and the server's
    /// command line is known; null otherwise, or when those arguments do not resolve (then the probe's own settings).
    /// </summary>
    private static ServerSettings? ServersOwnSettings(IReadOnlyList<string> args)
    {
        if (args.Count != 1 || ServerCommandLine.Read() is not { } server) return null;
        try
        {
            var cli = CommandLine.Parse(server);
            return cli.Mode == RunMode.Serve ? ConfigResolver.Resolve(cli).Settings : null;
        }
        catch (ServerConfigException)
        {
            return null;
        }
    }
}
