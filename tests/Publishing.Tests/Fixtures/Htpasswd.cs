using System.Runtime.InteropServices;

namespace Publishing.Tests.Fixtures;

/// <summary>
/// A bcrypt htpasswd line ("user:$2b$…"), the only hash format the registry's htpasswd auth accepts.
/// Made with the C library's crypt(3) (libxcrypt, part of every Debian 12 base system) instead of
/// apache2-utils' htpasswd, so the test needs no extra package.
/// </summary>
internal static class Htpasswd
{
    private static readonly Lock Gate = new();

    public static string Line(string username, string password)
    {
        lock (Gate) // crypt() and crypt_gensalt() return static buffers
        {
            var setting = Marshal.PtrToStringAnsi(CryptGensalt("$2b$", 10, IntPtr.Zero, 0))
                          ?? throw new InvalidOperationException("crypt_gensalt($2b$) failed: libcrypt without bcrypt support?");
            var hash = Marshal.PtrToStringAnsi(Crypt(password, setting));
            if (hash is null || !hash.StartsWith("$2b$", StringComparison.Ordinal))
                throw new InvalidOperationException($"crypt() did not produce a bcrypt hash (got '{hash}').");
            return $"{username}:{hash}";
        }
    }

    [DllImport("libcrypt.so.1", EntryPoint = "crypt_gensalt")]
    private static extern IntPtr CryptGensalt(string prefix, ulong count, IntPtr randomBytes, int randomByteCount);

    [DllImport("libcrypt.so.1", EntryPoint = "crypt")]
    private static extern IntPtr Crypt(string phrase, string setting);
}
