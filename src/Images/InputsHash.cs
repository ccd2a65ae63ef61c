using System.Security.Cryptography;
using System.Text;

namespace Images;

/// <summary>
/// A SHA-256 over everything an image is made from (recipe files, SDK version, mirror, CA certificates, parent
/// image). Stored as a label; an existing image with the same value is up to date and is not rebuilt.
/// </summary>
public sealed class InputsHash
{
    public const string Label = "com.creditrobot.inputs-hash";

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _value;

    public InputsHash Add(string name, string value)
    {
        if (_value is not null)
            throw new InvalidOperationException("The hash was already computed.");
        _hash.AppendData(Encoding.UTF8.GetBytes($"{name.Length}:{name}={value.Length}:{value}\n"));
        return this;
    }

    /// <summary>Adds every file below <paramref name="directory"/> (relative path, executable bit, content), in ordinal order.</summary>
    public InputsHash AddDirectory(string name, string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            AddFile($"{name}/{Path.GetRelativePath(directory, file).Replace('\\', '/')}", file);
        return this;
    }

    public InputsHash AddFile(string name, string path)
    {
        var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
        return Add(name, $"{(executable ? "x" : "-")}{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}");
    }

    public string Value => _value ??= Convert.ToHexString(_hash.GetHashAndReset()).ToLowerInvariant();

    public override string ToString() => Value;
}
