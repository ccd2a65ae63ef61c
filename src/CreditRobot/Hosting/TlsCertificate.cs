using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>certfile + keyfile (PEM, as Gunicorn takes them) as the certificate Kestrel serves.</summary>
public static class TlsCertificate
{
    /// <summary>
    /// Null without certfile. A keyfile without certfile, a file that is missing, unreadable or not PEM, or a key that
    /// does not match is a settings error. An empty keyfile reads the key from certfile, as Gunicorn does.
    /// </summary>
    public static X509Certificate2? Load(ServerSettings settings, ResolvedSettings? resolved = null)
    {
        if (!settings.Tls)
            return settings.KeyFile.Length == 0 ? null : throw new ServerConfigException(
                $"{resolved?.SourceOf("keyfile")}: keyfile is set but certfile is not (expected certfile too, or no keyfile)");
        try
        {
            return X509Certificate2.CreateFromPemFile(settings.CertFile, settings.KeyFile.Length == 0 ? null : settings.KeyFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            var where = resolved is null ? "" : $"{resolved.SourceOf("certfile")}, {resolved.SourceOf("keyfile")}: ";
            throw new ServerConfigException(
                $"{where}certfile/keyfile: cannot load '{settings.CertFile}' with '{settings.KeyFile}': {e.Message} " +
                "(expected a readable PEM certificate and its unencrypted PEM private key)");
        }
    }
}
