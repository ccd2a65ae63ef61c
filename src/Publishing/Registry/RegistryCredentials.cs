using System.Text;

namespace Publishing.Registry;

/// <summary>
/// Registry login. The password is only ever written into an Authorization or X-Registry-Auth header;
/// <see cref="ToString"/> (and so every log line or exception that formats this) redacts it.
/// </summary>
public sealed class RegistryCredentials(string username, string password)
{
    public string Username { get; } = username;

    internal string Password { get; } = password;

    /// <summary>For the Engine API's X-Registry-Auth header (push and pull through the engine).</summary>
    public Docker.DotNet.Models.AuthConfig ToAuthConfig(RegistryAddress registry) =>
        new() { ServerAddress = registry.HostAndPort, Username = Username, Password = Password };

    internal string ToBasicAuth() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    internal string Scrub(string text) => Password.Length == 0 ? text : text.Replace(Password, "***", StringComparison.Ordinal);

    public override string ToString() => $"{Username} (password: ***)";

    /// <summary>Credentials when both parts are given; none (anonymous) when both are empty; a usage error otherwise.</summary>
    public static RegistryCredentials? FromParameters(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) && string.IsNullOrEmpty(password)) return null;
        if (string.IsNullOrEmpty(username))
            throw new ArgumentException("A registry password was given without a username: set --registry-username (REGISTRY_USERNAME) too, or neither for an anonymous registry.");
        if (string.IsNullOrEmpty(password))
            throw new ArgumentException($"A registry username ('{username}') was given without a password: set --registry-password (REGISTRY_PASSWORD) too, or neither for an anonymous registry.");
        return new RegistryCredentials(username, password);
    }
}
