using System.Security.Cryptography;
using Publishing.Attestations;

namespace Publishing.Signing;

/// <summary>
/// An ECDSA P-256 key pair in cosign's key-pair layout: the private key as PEM (PKCS#8, optionally encrypted with a
/// password; cosign's own scrypt/secretbox "ENCRYPTED COSIGN PRIVATE KEY" format is not read: export it with
/// <c>cosign import-key-pair</c>'s counterpart or give a PKCS#8 key), the public key as a PEM PKIX "PUBLIC KEY" (what
/// <c>cosign verify --key cosign.pub</c>, Kyverno and the policy controller take).
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    private SigningKey(ECDsa key) => _key = key;

    /// <summary>A new key pair (P-256).</summary>
    public static SigningKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a PEM private key; <paramref name="source"/> names where it came from for the error message (never the key).</summary>
    public static SigningKey FromPrivateKeyPem(string pem, string? password, string source)
    {
        if (pem.Contains("ENCRYPTED COSIGN PRIVATE KEY", StringComparison.Ordinal) || pem.Contains("ENCRYPTED SIGSTORE PRIVATE KEY", StringComparison.Ordinal))
            throw new AttestationException($"{source}: a cosign-encrypted key (scrypt + secretbox) is not supported; give a PKCS#8 PEM key " +
                                           "(-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY----- with its password).");
        var key = ECDsa.Create();
        try
        {
            if (pem.Contains("BEGIN ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
                key.ImportFromEncryptedPem(pem, password ?? throw new AttestationException($"{source}: the key is encrypted; give its password."));
            else
                key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new AttestationException($"{source}: not a PEM ECDSA private key (PKCS#8 or SEC1), or a wrong password: {e.Message}");
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new AttestationException($"{source}: an ECDSA key on a {key.KeySize}-bit curve; cosign's key pairs are P-256.");
        }
        return new SigningKey(key);
    }

    /// <summary>Unencrypted PKCS#8 PEM (mode 600 when written by <see cref="LocalKeyPair"/>).</summary>
    public string PrivateKeyPem => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>PKIX "PUBLIC KEY" PEM, as cosign.pub.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>An ASN.1 DER ECDSA signature over SHA-256 of <paramref name="data"/>, as cosign writes them.</summary>
    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>A public key (cosign.pub) checked to be a P-256 PKIX PEM; <paramref name="source"/> names where it came from for the error message.</summary>
    public static string PublicKeyFromPem(string pem, string source)
    {
        using var key = ECDsa.Create();
        try { key.ImportFromPem(pem); }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new AttestationException($"{source}: not a PEM ECDSA public key (-----BEGIN PUBLIC KEY-----, as cosign.pub): {e.Message}");
        }
        if (key.KeySize != 256)
            throw new AttestationException($"{source}: an ECDSA key on a {key.KeySize}-bit curve; cosign's key pairs are P-256.");
        return key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Checks <paramref name="signature"/> (DER) over <paramref name="data"/> against the public key in <paramref name="publicKeyPem"/>.</summary>
    public static bool Verify(string publicKeyPem, byte[] data, byte[] signature)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public void Dispose() => _key.Dispose();
}
