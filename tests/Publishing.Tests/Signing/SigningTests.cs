using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Publishing.Attestations;
using Publishing.Signing;

namespace Publishing.Tests.Signing;

/// <summary>Signatures in cosign's layout: the simple-signing payload, DER ECDSA P-256, DSSE envelopes, keys as PEM.</summary>
public sealed class SigningTests : IDisposable
{
    private const string Digest = "sha256:703218c0465075f4425e58fac086e09e1de5c340b12976ab9eb8ad26615c3715";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("signing-");

    [Fact]
    public void The_simple_signing_payload_names_the_repository_and_manifest_digest_as_cosign_writes_it()
    {
        var payload = Encoding.UTF8.GetString(CosignPayloads.SimpleSigning("127.0.0.1:5000/creditrobot", Digest));

        payload.Should().Be("""{"critical":{"identity":{"docker-reference":"127.0.0.1:5000/creditrobot"},"image":{"docker-manifest-digest":"sha256:703218c0465075f4425e58fac086e09e1de5c340b12976ab9eb8ad26615c3715"},"type":"cosign container image signature"},"optional":null}""");
        CosignPayloads.Tag(Digest, "sig").Should().Be("sha256-703218c0465075f4425e58fac086e09e1de5c340b12976ab9eb8ad26615c3715.sig");
    }

    [Fact]
    public void A_signature_verifies_with_the_public_key_and_not_after_one_byte_changes()
    {
        using var key = SigningKey.Create();
        var payload = CosignPayloads.SimpleSigning("creditrobot", Digest);
        var signature = key.Sign(payload);

        SigningKey.Verify(key.PublicKeyPem, payload, signature).Should().BeTrue();
        var tampered = (byte[])payload.Clone();
        tampered[^20] ^= 1;
        SigningKey.Verify(key.PublicKeyPem, tampered, signature).Should().BeFalse();
        using var other = SigningKey.Create();
        SigningKey.Verify(other.PublicKeyPem, payload, signature).Should().BeFalse();
        signature[0].Should().Be(0x30, "cosign's signatures are ASN.1 DER sequences");
    }

    [Fact]
    public void A_DSSE_envelope_opens_with_its_key_and_refuses_a_changed_payload()
    {
        using var key = SigningKey.Create();
        var statement = Encoding.UTF8.GetBytes("""{"_type":"https://in-toto.io/Statement/v1"}""");
        var envelope = CosignPayloads.DsseEnvelope(SlsaProvenance.PayloadType, statement, key);

        CosignPayloads.OpenDsseEnvelope(envelope, key.PublicKeyPem, out var type).Should().Equal(statement);
        type.Should().Be("application/vnd.in-toto+json");
        var json = JsonNode.Parse(envelope)!;
        json["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"_type":"forged"}"""));
        CosignPayloads.OpenDsseEnvelope(Encoding.UTF8.GetBytes(json.ToJsonString()), key.PublicKeyPem, out _).Should().BeNull();
        Encoding.ASCII.GetString(CosignPayloads.PreAuthEncoding("t", "ab"u8.ToArray())).Should().Be("DSSEv1 1 t 2 ab");
    }

    [Fact]
    public void The_local_key_pair_is_made_once_owner_only_and_reused()
    {
        using var first = LocalKeyPair.Ensure(_dir.FullName, out var created);
        using var second = LocalKeyPair.Ensure(_dir.FullName, out var createdAgain);

        (created, createdAgain).Should().Be((true, false));
        second.PublicKeyPem.Should().Be(first.PublicKeyPem);
        File.ReadAllText(Path.Combine(_dir.FullName, "cosign.pub")).Should().StartWith("-----BEGIN PUBLIC KEY-----");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(Path.Combine(_dir.FullName, "cosign.key")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void An_encrypted_PKCS8_key_needs_its_password_and_a_bad_key_names_its_source_not_its_content()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = ecdsa.ExportEncryptedPkcs8PrivateKeyPem("pw",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));

        using (var key = SigningKey.FromPrivateKeyPem(encrypted, "pw", "--signing-key"))
            key.PublicKeyPem.Should().Be(ecdsa.ExportSubjectPublicKeyInfoPem());
        FluentActions.Invoking(() => SigningKey.FromPrivateKeyPem(encrypted, null, "--signing-key"))
            .Should().Throw<AttestationException>().WithMessage("--signing-key: the key is encrypted; give its password.");
        FluentActions.Invoking(() => SigningKey.FromPrivateKeyPem("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----", null, "SIGNING_KEY"))
            .Should().Throw<AttestationException>().Which.Message.Should().StartWith("SIGNING_KEY: not a PEM ECDSA private key").And.NotContain("bm90IGEga2V5");
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
