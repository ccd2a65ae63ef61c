using CsCheck;

namespace ServerConfig.Tests.Properties;

/// <summary>Valid settings values as a user could give them, and text built from server.conf's own fragments.</summary>
internal static class Generators
{
    private static readonly Gen<string> IPv4 = Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, Gen.Byte, (a, b, c, d) => $"{a}.{b}.{c}.{d}");

    public static readonly Gen<BindAddress> Bind = Gen.OneOf(
        Gen.Select(IPv4, Gen.Int[0, 65535], (host, port) => new BindAddress(host, port)),
        Gen.Select(Gen.OneOf("::", "::1", "fe80::1", "2001:db8::42"), Gen.Int[0, 65535], (host, port) => new BindAddress(host, port)),
        Gen.Int[1, 65535].Select(port => new BindAddress("localhost", port)));

    /// <summary>File paths with the characters server.conf treats specially: spaces, #, quotes, tabs.</summary>
    private static readonly Gen<string> FilePath = Gen.Char["abz019._-/ #\"\t\n"].Array[1, 24].Select(chars => new string(chars))
        .Where(p => ValueParsers.LogTarget(allowEmpty: false)(p).Error is null);

    private static readonly Gen<string> Networks = Gen.OneOf(
        Gen.Const("*"),
        Gen.Select(IPv4, Gen.Int[8, 32], (ip, bits) => $"{ip}/{bits}").Where(n => ValueParsers.Networks(n).Error is null)
            .Array[1, 3].Select(items => string.Join(',', items)));

    public static readonly Gen<ServerSettings> Settings =
        Gen.Select(Bind, Gen.Int[1, 256], Gen.Enum<WorkerClass>(), Gen.Int[1, 256], Gen.Int[0, 3600], Gen.Int[0, 3600], Gen.Int[0, 600],
                (bind, workers, workerClass, threads, timeout, graceful, keepalive) => ServerSettings.Defaults with
                {
                    Bind = bind, Workers = workers, WorkerClass = workerClass, Threads = threads,
                    Timeout = timeout, GracefulTimeout = graceful, Keepalive = keepalive,
                })
            .Select(Gen.OneOf(Gen.Const("-"), Gen.Const(""), FilePath), Gen.OneOf(Gen.Const("-"), FilePath), Gen.Enum<LogLevelSetting>(), Gen.Enum<LogFormat>(), Gen.Bool,
                (s, access, error, level, format, preload) => s with { AccessLog = access, ErrorLog = error, LogLevel = level, LogFormat = format, PreloadApp = preload })
            .Select(Gen.Int[256, 65536], Gen.Int[1, 1000], Gen.Int[64, 65536], Gen.Long[0, 1L << 30], Networks,
                (s, line, fields, fieldSize, body, proxies) => s with
                {
                    LimitRequestLine = line, LimitRequestFields = fields, LimitRequestFieldSize = fieldSize, MaxBodySize = body, ForwardedAllowIps = proxies,
                });

    /// <summary>Text that looks like server.conf, flags or variables often enough to get past the first check.</summary>
    public static readonly Gen<string> ConfigLikeText =
        Gen.OneOf(Gen.String, Gen.OneOf(SettingsTable.All.Select(s => s.Name).Concat(SettingsTable.All.Select(s => s.Flag)).ToArray()),
                Gen.OneOf(" = ", "=", "\"", "#", " #", "\t", "\n", "\r\n", "[::]:", "0.0.0.0:8080", "-1", "99999999999", "true", "*", ",", "/", "\0", "\uFEFF"))
            .Array[0, 12].Select(parts => string.Concat(parts));
}
