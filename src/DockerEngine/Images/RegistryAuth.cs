using System.Text;
using System.Text.Json.Nodes;

namespace DockerEngine;

/// <summary>
/// Credentials for push/pull, sent base64url-encoded in the X-Registry-Auth header. <see cref="ToString"/> is
/// redacted on purpose: credentials must never reach logs or exception messages.
/// </summary>
public sealed record RegistryAuth(string ServerAddress, string? Username = null, string? Password = null, string? IdentityToken = null)
{
    /// <summary>No credentials (an open registry); the engine still expects the header.</summary>
    public static RegistryAuth Anonymous { get; } = new("");

    internal string ToHeaderValue()
    {
        var json = new JsonObject { ["serveraddress"] = ServerAddress };
        if (Username is not null)
            json["username"] = Username;
        if (Password is not null)
            json["password"] = Password;
        if (IdentityToken is not null)
            json["identitytoken"] = IdentityToken;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString())).Replace('+', '-').Replace('/', '_');
    }

    public override string ToString() => $"RegistryAuth {{ ServerAddress = {ServerAddress}, Username = {Username ?? "(none)"}, Password = ***, IdentityToken = *** }}";
}
