using System.Net;
using System.Net.NetworkInformation;
using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>
/// A bind host must be an address of this machine: Kestrel would otherwise fail deep inside host start-up
/// (EADDRNOTAVAIL). Checked before the host is built, so it is a configuration error with exit 2.
/// </summary>
public static class LocalAddresses
{
    /// <summary>Null when <paramref name="bind"/> can be listened on, else what is wrong and what would be right.</summary>
    public static string? Problem(BindAddress bind)
    {
        if (bind.Address is not { } address || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(address))
            return null;
        var local = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .ToArray();
        if (local.Any(a => a.Equals(address))) return null;
        var choices = local.Where(a => !a.IsIPv6LinkLocal).Select(a => a.ToString()).Prepend(bind.IsIPv6 ? "::" : "0.0.0.0");
        return $"{bind.Host} is not an address of this machine (expected one of {string.Join(", ", choices.Distinct())})";
    }
}
