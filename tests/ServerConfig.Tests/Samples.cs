namespace ServerConfig.Tests;

/// <summary>A valid non-default raw value for every key, and helpers to resolve from in-memory inputs.</summary>
internal static class Samples
{
    public static readonly IReadOnlyDictionary<string, string> NonDefault = new Dictionary<string, string>
    {
        ["bind"] = "127.0.0.1:9000",
        ["workers"] = "3",
        ["worker_class"] = "sync",
        ["threads"] = "4",
        ["timeout"] = "7",
        ["graceful_timeout"] = "9",
        ["keepalive"] = "11",
        ["accesslog"] = "/var/log/creditrobot/access.log",
        ["errorlog"] = "/var/log/creditrobot/error.log",
        ["loglevel"] = "debug",
        ["log_format"] = "json",
        ["preload_app"] = "false",
        ["limit_request_line"] = "1000",
        ["limit_request_fields"] = "20",
        ["limit_request_field_size"] = "1024",
        ["max_body_size"] = "2048",
        ["forwarded_allow_ips"] = "10.0.0.0/8,192.168.1.1",
        ["access_log_format"] = "%(h)s \"%(r)s\" %(s)s %({x-request-id}i)s %(D)s",
        ["probe_loglevel"] = "info",
        ["max_requests"] = "1000",
        ["max_requests_jitter"] = "50",
        ["backlog"] = "64",
        ["certfile"] = "/etc/creditrobot/tls.crt",
        ["keyfile"] = "/etc/creditrobot/tls.key",
    };

    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var setting in SettingsTable.All) data.Add(setting.Name);
        return data;
    }

    /// <summary>Resolves with a config file holding <paramref name="fileText"/> (null: no file), env and args.</summary>
    public static ResolvedSettings Resolve(string? fileText, IReadOnlyDictionary<string, string>? env = null, params string[] args)
    {
        using var dir = new TempDir();
        var argList = args.ToList();
        if (fileText is not null)
        {
            File.WriteAllText(Path.Combine(dir.Path, "server.conf"), fileText);
            Directory.SetCurrentDirectory(dir.Path); // relative --config, as the app is started
            argList.InsertRange(0, ["--config", "server.conf"]);
        }
        return ConfigResolver.Resolve(CommandLine.Parse(argList), env ?? new Dictionary<string, string>(), [dir.Path]);
    }

    /// <summary>The single error message of a resolution that must fail.</summary>
    public static string ErrorOf(string? fileText, IReadOnlyDictionary<string, string>? env = null, params string[] args)
    {
        var act = () => Resolve(fileText, env, args);
        return act.Should().Throw<ServerConfigException>().Which.Errors.Should().ContainSingle().Subject;
    }
}

internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("serverconfig-").FullName;

    public void Dispose()
    {
        Directory.SetCurrentDirectory(System.IO.Path.GetTempPath());
        Directory.Delete(Path, recursive: true);
    }
}
