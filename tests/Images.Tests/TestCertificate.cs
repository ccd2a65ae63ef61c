using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Images.Tests;

/// <summary>A throwaway CA certificate standing in for a company's TLS-inspection CA.</summary>
internal sealed class TestCertificate : IDisposable
{
    public TestCertificate(string name = "Test Corp Inspection CA")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Pem = certificate.ExportCertificatePem() + "\n";
        Directory = System.IO.Directory.CreateTempSubdirectory("ca-").FullName;
        Path = System.IO.Path.Combine(Directory, "corp-ca.crt");
        File.WriteAllText(Path, Pem);
    }

    public string Pem { get; }
    public string Directory { get; }
    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
