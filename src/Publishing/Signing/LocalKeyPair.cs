using Publishing.Attestations;

namespace Publishing.Signing;

/// <summary>
/// The key pair a local build signs with when the user gave none: made once (cosign.key mode 600, cosign.pub) in a
/// directory such as .nuke/temp/signing and reused. On CI there is no such fallback: a missing key is the user's to fix.
/// </summary>
public static class LocalKeyPair
{
    public const string PrivateKeyFile = "cosign.key";
    public const string PublicKeyFile = "cosign.pub";

    /// <summary>The key in <paramref name="directory"/>, made there first when absent; <paramref name="created"/> says which.</summary>
    public static SigningKey Ensure(string directory, out bool created)
    {
        var privatePath = Path.Combine(directory, PrivateKeyFile);
        created = !File.Exists(privatePath);
        if (!created)
            return SigningKey.FromPrivateKeyPem(File.ReadAllText(privatePath), null, privatePath);
        Directory.CreateDirectory(directory);
        var key = SigningKey.Create();
        var temp = privatePath + ".partial";
        // Owner-only from the first byte: the key is never readable by others, not even between create and chmod.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(temp, options)))
            writer.Write(key.PrivateKeyPem);
        File.WriteAllText(Path.Combine(directory, PublicKeyFile), key.PublicKeyPem);
        File.Move(temp, privatePath);
        return key;
    }
}
