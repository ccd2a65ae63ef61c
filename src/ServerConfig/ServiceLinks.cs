using System.Text.RegularExpressions;

namespace ServerConfig;

/// <summary>
/// Kubernetes injects "service links" for every Service of the namespace into every pod; a Service named
/// <c>server</c> gives <c>SERVER_SERVICE_HOST</c>, <c>SERVER_SERVICE_PORT[_NAME]</c>, <c>SERVER_PORT=tcp://10.0.0.1:80</c>
/// and <c>SERVER_PORT_80_TCP[_PROTO|_PORT|_ADDR]</c>. They share our prefix but are not settings: they are ignored,
/// so the pod does not crash-loop. <c>SERVER_PORT</c> is ambiguous: only its service-link value (<c>proto://…</c>)
/// is ignored; any other value is an error pointing to <c>PORT</c> and <c>SERVER_BIND</c>.
/// </summary>
public static partial class ServiceLinks
{
    public static bool IsServiceLink(string name, string value) =>
        name == "SERVER_PORT" ? LinkValue().IsMatch(value) : LinkName().IsMatch(name);

    [GeneratedRegex(@"^SERVER_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)$")]
    private static partial Regex LinkName();

    [GeneratedRegex(@"^(tcp|udp|sctp)://")]
    private static partial Regex LinkValue();
}
