using System.Text.Json.Nodes;

namespace DockerEngine.Internal;

/// <summary>Maps the friendly <see cref="CreateContainerRequest"/> to the engine's nested create body.</summary>
internal static class ContainerCreateBody
{
    public static JsonObject Build(CreateContainerRequest r)
    {
        var exposed = new JsonObject();
        foreach (var port in r.ExposedPorts ?? [])
            exposed[port.Contains('/') ? port : port + "/tcp"] = new JsonObject();
        var bindings = new JsonObject();
        foreach (var group in (r.PortBindings ?? []).GroupBy(p => p.Key))
        {
            exposed[group.Key] = new JsonObject();
            bindings[group.Key] = new JsonArray(group.Select(p => (JsonNode)new JsonObject
            {
                ["HostIp"] = p.HostIp,
                ["HostPort"] = p.HostPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            }).ToArray());
        }

        var host = new JsonObject
        {
            ["PortBindings"] = bindings,
            ["ReadonlyRootfs"] = r.ReadonlyRootfs,
            ["AutoRemove"] = r.AutoRemove,
        };
        Set(host, "NetworkMode", r.NetworkMode ?? r.Networks?.FirstOrDefault()?.Network);
        Set(host, "NanoCpus", r.NanoCpus);
        Set(host, "Memory", r.Memory);
        Set(host, "Tmpfs", Map(r.Tmpfs));
        Set(host, "Binds", Array(r.Binds));
        Set(host, "CapDrop", Array(r.CapDrop));
        Set(host, "CapAdd", Array(r.CapAdd));
        Set(host, "SecurityOpt", Array(r.SecurityOpt));

        var body = new JsonObject
        {
            ["Image"] = r.Image,
            ["Tty"] = r.Tty,
            ["AttachStdout"] = false,
            ["AttachStderr"] = false,
            ["ExposedPorts"] = exposed,
            ["HostConfig"] = host,
        };
        Set(body, "Cmd", Array(r.Cmd));
        Set(body, "Entrypoint", Array(r.Entrypoint));
        Set(body, "Env", Array(r.Env?.Select(kv => $"{kv.Key}={kv.Value}").ToList()));
        Set(body, "Labels", Map(r.Labels));
        Set(body, "User", r.User);
        Set(body, "WorkingDir", r.WorkingDir);
        Set(body, "Hostname", r.Hostname);
        Set(body, "StopTimeout", r.StopTimeout);
        Set(body, "StopSignal", r.StopSignal);
        if (r.Healthcheck is { } h)
            body["Healthcheck"] = new JsonObject
            {
                ["Test"] = Array(h.Test),
                ["Interval"] = Nanos(h.Interval),
                ["Timeout"] = Nanos(h.Timeout),
                ["StartPeriod"] = Nanos(h.StartPeriod),
                ["Retries"] = h.Retries ?? 0,
            };
        // API < 1.44 accepts one endpoint at create; ContainersClient connects the others afterwards.
        if (r.Networks?.FirstOrDefault() is { } first)
            body["NetworkingConfig"] = new JsonObject
            {
                ["EndpointsConfig"] = new JsonObject { [first.Network] = EndpointConfig(first.Aliases) },
            };
        return body;
    }

    public static JsonObject EndpointConfig(IReadOnlyList<string>? aliases)
    {
        var endpoint = new JsonObject();
        Set(endpoint, "Aliases", Array(aliases));
        return endpoint;
    }

    private static long Nanos(TimeSpan? t) => t is null ? 0 : t.Value.Ticks * 100;

    private static JsonArray? Array(IEnumerable<string>? values) =>
        values is null ? null : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonObject? Map(IReadOnlyDictionary<string, string>? values)
    {
        if (values is null)
            return null;
        var map = new JsonObject();
        foreach (var (k, v) in values)
            map[k] = v;
        return map;
    }

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
            target[name] = value;
    }

    private static void Set(JsonObject target, string name, string? value) => Set(target, name, value is null ? null : JsonValue.Create(value));

    private static void Set(JsonObject target, string name, long? value) => Set(target, name, value is null ? null : JsonValue.Create(value.Value));
}
