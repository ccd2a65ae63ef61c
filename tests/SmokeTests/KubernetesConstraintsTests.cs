using Containers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Deployment;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using k8s.Models;
using ServerConfig;
using SmokeTests.Infrastructure;
using Testing;

namespace SmokeTests;

/// <summary>
/// The image under exactly what deploy/kubernetes/deployment.yaml declares: user, read-only root, dropped capabilities,
/// no-new-privileges, CPU and memory limits, environment (DATABASE_URL through a stand-in for the Secret), an emptyDir as
/// tmpfs, and the probes' paths and timings, all read from the generated Deployment object, never re-typed. No cluster
/// runs here; this is the proof that the manifests fit the image. Alone, after the other groups: its load must not slow
/// their timing checks, and their containers must not eat the CPU its probe timings are measured against.
/// </summary>
[Collection(nameof(KubernetesConstraintsTests))]
public sealed class KubernetesConstraintsTests : IUsesSharedDatabase
{
    private static readonly KubernetesManifests Manifests = KubernetesManifests.Create(ServerSettings.Defaults, new DeploymentFacts());
    private static V1Container App => Manifests.AppContainer;
    private static V1PodSpec Pod => Manifests.Deployment.Spec.Template.Spec;

    [Fact]
    public async Task Probes_answer_within_their_thresholds_and_the_kernel_enforces_the_security_context()
    {
        await using var pod = await PodUnderTest.StartAsync();

        await pod.BecomeReadyAsync();
        // Warm, each probe answers within its own timeoutSeconds, several times in a row (fewer than failureThreshold
        // failures would already be tolerated; none is).
        foreach (var probe in new[] { App.StartupProbe, App.ReadinessProbe, App.LivenessProbe })
            for (var i = 0; i < 3; i++)
                (await pod.ProbeAsync(probe)).Should().BeTrue($"{probe.HttpGet.Path} answers within {probe.TimeoutSeconds} s\n{await pod.LogsAsync()}");

        // What the kernel applies to the running process, not what the container was asked for.
        var status = await pod.ProcessStatusAsync();
        status["Uid"].Split('\t', StringSplitOptions.RemoveEmptyEntries).Should().AllBe(App.SecurityContext.RunAsUser!.Value.ToString(CultureInfo.InvariantCulture));
        status["Gid"].Split('\t', StringSplitOptions.RemoveEmptyEntries).Should().AllBe(App.SecurityContext.RunAsGroup!.Value.ToString(CultureInfo.InvariantCulture));
        status["CapEff"].Should().Be("0000000000000000", "capabilities: drop ALL");
        status["CapBnd"].Should().Be("0000000000000000", "nothing can be regained either");
        status["NoNewPrivs"].Should().Be("1", "allowPrivilegeEscalation: false");
        status["Seccomp"].Should().Be("2", "seccompProfile RuntimeDefault: the runtime's filter is active");
        (await pod.InspectAsync()).HostConfig!.ReadonlyRootfs.Should().BeTrue();
    }

    [Fact]
    public async Task Sigterm_drains_a_request_in_flight_and_exits_within_the_grace_period()
    {
        await using var pod = await PodUnderTest.StartAsync();
        await pod.BecomeReadyAsync();

        // Headers and half the body are in when SIGTERM comes; the rest follows after it.
        const string body = """{"applicantName":"Drained","amount":10000,"income":4000,"term":36}""";
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", pod.HostPort);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/applications HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body[..20]}"));
        await stream.FlushAsync();
        await pod.WaitForRequestInFlightAsync();

        // The kubelet runs preStop first, then sends SIGTERM: what is left of the grace period is the app's budget.
        var budget = TimeSpan.FromSeconds(Pod.TerminationGracePeriodSeconds!.Value - App.Lifecycle.PreStop.Sleep.Seconds);
        var clock = Stopwatch.StartNew();
        await pod.SignalAsync("SIGTERM");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(body[20..]));
        var response = await ReadResponseAsync(stream, budget);
        var exitCode = await pod.WaitForExitAsync(budget);

        response.Should().StartWith("HTTP/1.1 201", "the request in flight completes after SIGTERM").And.Contain("Drained");
        exitCode.Should().Be(0, $"the app exits by itself, before the kubelet's SIGKILL\n{await pod.LogsAsync()}");
        clock.Elapsed.Should().BeLessThan(budget);
    }

    [Fact]
    public async Task The_memory_limit_holds_under_a_bounded_load_while_liveness_keeps_answering()
    {
        await using var pod = await PodUnderTest.StartAsync();
        await pod.BecomeReadyAsync();
        var limit = App.Resources.Limits["memory"].ToInt64();

        // The benchmark's shape, bounded: 64 connections, at most 20 000 requests or 10 s; one in ten writes to the database.
        using var load = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = pod.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var sent = 0;
        var failures = new List<string>();
        var workers = Enumerable.Range(0, 64).Select(async _ =>
        {
            for (var n = Interlocked.Increment(ref sent); n <= 20_000 && !load.IsCancellationRequested; n = Interlocked.Increment(ref sent))
            {
                using var response = n % 10 == 0
                    ? await http.PostAsync("/api/applications", new StringContent("""{"applicantName":"Load","amount":25000,"income":4200,"term":60}""", Encoding.UTF8, "application/json"))
                    : await http.GetAsync("/api/quote?amount=25000&income=4200&term=60");
                if (!response.IsSuccessStatusCode) lock (failures) failures.Add($"{response.RequestMessage!.RequestUri!.AbsolutePath}: {(int)response.StatusCode}");
            }
        }).ToList();

        long peak = 0;
        var slowLiveness = new List<string>();
        var all = Task.WhenAll(workers);
        while (!all.IsCompleted)
        {
            peak = Math.Max(peak, await pod.MemoryInUseAsync());
            var clock = Stopwatch.StartNew();
            if (!await pod.ProbeAsync(App.LivenessProbe)) slowLiveness.Add($"no answer within {App.LivenessProbe.TimeoutSeconds} s after {clock.ElapsedMilliseconds} ms");
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(1)));
        }
        await all;
        peak = Math.Max(peak, await pod.MemoryInUseAsync());

        var state = (await pod.InspectAsync()).State!;
        state.OOMKilled.Should().BeFalse($"the limit is {limit / 1048576} MiB");
        state.Running.Should().BeTrue();
        failures.Should().BeEmpty();
        slowLiveness.Should().BeEmpty("liveness must keep answering under load, or the kubelet would restart a busy pod");
        peak.Should().BeLessThan(limit, $"peak {peak / 1048576.0:F1} MiB in use after {Math.Min(sent, 20_000)} requests");
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[8192];
        var text = new StringBuilder();
        // The app answers JSON: the response is complete once the body's closing brace arrived (or the connection closed).
        while (text.ToString() is var sofar && !(sofar.Contains("\r\n\r\n", StringComparison.Ordinal) && sofar.TrimEnd().EndsWith('}')))
        {
            var read = await stream.ReadAsync(buffer, cts.Token);
            if (read == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return text.ToString();
    }

    /// <summary>
    /// One pod: the app container under the Deployment's constraints, on the run's shared database (the Secret's value is
    /// its URL). The database is not part of the pod, so each test pays only for the app's start.
    /// </summary>
    private sealed class PodUnderTest : IAsyncDisposable
    {

        private readonly IContainer _app;
        private readonly DockerClient _docker;

        private PodUnderTest(IContainer app, DockerClient docker) => (_app, _docker) = (app, docker);

        public int HostPort => _app.GetMappedPublicPort(App.Ports.Single().ContainerPort);

        public Uri BaseAddress => new($"http://127.0.0.1:{HostPort}");

        public static async Task<PodUnderTest> StartAsync()
        {
            var image = Environment.GetEnvironmentVariable(ProjectNames.AppImageVariable);
            if (string.IsNullOrWhiteSpace(image))
                throw new InvalidOperationException("CREDITROBOT_IMAGE must name an image on this engine: run `./build.sh SmokeTest`.");

            // The Secret the Deployment references, with the value only this run knows.
            var secrets = new Dictionary<(string, string), string>
            {
                [("creditrobot-database", "DATABASE_URL")] = await SharedDatabase.DatabaseUrlAsync(),
            };
            var app = AppUnderDeploymentConstraints(image, await SharedDatabase.NetworkAsync(), secrets);
            var docker = TestcontainersEngine.CreateClient();
            try
            {
                await app.StartAsync();
                return new PodUnderTest(app, docker);
            }
            catch
            {
                await app.DisposeAsync();
                docker.Dispose();
                throw;
            }
        }

        /// <summary>Every container option below is read from the generated Deployment; none is typed here.</summary>
        private static IContainer AppUnderDeploymentConstraints(string image, INetwork network, IReadOnlyDictionary<(string, string), string> secrets)
        {
            var security = App.SecurityContext;
            var podSecurity = Pod.SecurityContext;
            var builder = new ContainerBuilder(image)
                .WithNetwork(network)
                .WithPortBinding(App.Ports.Single().ContainerPort, assignRandomHostPort: true)
                .ForTest();
            foreach (var variable in App.Env)
                builder = builder.WithEnvironment(variable.Name, variable.Value ?? secrets[(variable.ValueFrom.SecretKeyRef.Name, variable.ValueFrom.SecretKeyRef.Key)]);
            var tmpfs = App.VolumeMounts.ToDictionary(m => m.MountPath, m =>
            {
                var volume = Pod.Volumes.Single(v => v.Name == m.Name);
                var size = volume.EmptyDir?.SizeLimit ?? throw new NotSupportedException($"volume {m.Name}: only emptyDir with a sizeLimit can be run here");
                return $"rw,nosuid,nodev,size={size.ToInt64()},mode=1777";
            });
            if (podSecurity.SeccompProfile?.Type != "RuntimeDefault")
                throw new NotSupportedException($"seccompProfile {podSecurity.SeccompProfile?.Type}: only RuntimeDefault (the engine's default profile) can be run here");

            return builder.WithCreateParameterModifier(p =>
            {
                p.HostConfig ??= new HostConfig();
                p.User = $"{security.RunAsUser ?? podSecurity.RunAsUser}:{security.RunAsGroup ?? podSecurity.RunAsGroup}";
                p.HostConfig.GroupAdd = podSecurity.FsGroup is { } fsGroup ? [fsGroup.ToString(CultureInfo.InvariantCulture)] : [];
                p.HostConfig.ReadonlyRootfs = security.ReadOnlyRootFilesystem == true;
                p.HostConfig.Privileged = security.Privileged == true;
                p.HostConfig.CapDrop = [.. security.Capabilities.Drop];
                p.HostConfig.CapAdd = security.Capabilities.Add is { } add ? [.. add] : [];
                p.HostConfig.SecurityOpt = security.AllowPrivilegeEscalation == false ? ["no-new-privileges:true"] : [];
                p.HostConfig.Memory = App.Resources.Limits["memory"].ToInt64();
                p.HostConfig.MemorySwap = p.HostConfig.Memory; // no swap, as on a kubelet node
                p.HostConfig.NanoCPUs = (long)(App.Resources.Limits["cpu"].ToDecimal() * 1_000_000_000m);
                p.HostConfig.Tmpfs = tmpfs;
            }).Build();
        }


        /// <summary>One probe as the kubelet sends it: HTTP GET, success is 200-399 within timeoutSeconds.</summary>
        public async Task<bool> ProbeAsync(V1Probe probe)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(probe.TimeoutSeconds ?? 1) };
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, probe.HttpGet.Path));
                return (int)response.StatusCode is >= 200 and < 400;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }

        /// <summary>
        /// The kubelet's start: the startup probe every periodSeconds until it passes (failureThreshold failures in a row
        /// and the container is killed), then readiness every periodSeconds until the pod is ready. A failed readiness
        /// probe only delays readiness; here it must come within the startup budget too.
        /// </summary>
        public async Task BecomeReadyAsync()
        {
            var startup = App.StartupProbe;
            if (!await ProbeRepeatedlyAsync(startup, startup.FailureThreshold ?? 3))
                throw new InvalidOperationException(
                    $"The startup probe ({startup.HttpGet.Path}) failed {startup.FailureThreshold} times {startup.PeriodSeconds} s apart: the kubelet would kill the container.\n{await LogsAsync()}");
            var readiness = App.ReadinessProbe;
            var budget = (startup.FailureThreshold ?? 3) * (startup.PeriodSeconds ?? 10);
            if (!await ProbeRepeatedlyAsync(readiness, Math.Max(1, budget / (readiness.PeriodSeconds ?? 10))))
                throw new InvalidOperationException($"Readiness ({readiness.HttpGet.Path}) did not pass within {budget} s after the start: a rollout would stall.\n{await LogsAsync()}");
        }

        private async Task<bool> ProbeRepeatedlyAsync(V1Probe probe, int attempts)
        {
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                var next = Task.Delay(TimeSpan.FromSeconds(probe.PeriodSeconds ?? 10));
                if (await ProbeAsync(probe)) return true;
                await next;
            }
            return false;
        }

        /// <summary>The app's access log has no line for a request still reading its body; a connection is what can be awaited.</summary>
        public async Task WaitForRequestInFlightAsync()
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                var status = await ProcessStatusAsync();
                if (await ConnectionsEstablishedAsync(status["Pid"], App.Ports.Single().ContainerPort) > 0) return;
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
            throw new TimeoutException("the app did not accept the in-flight connection within 10 s");
        }

        private static async Task<int> ConnectionsEstablishedAsync(string pid, int port)
        {
            // /proc/<pid>/net/tcp of the container's network namespace: local address :PORT in hex, state 01 (ESTABLISHED);
            // the database pool's connections have other local ports.
            var local = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
            var lines = await File.ReadAllLinesAsync($"/proc/{pid}/net/tcp");
            return lines.Skip(1).Count(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 3 } f && f[1].EndsWith(local, StringComparison.Ordinal) && f[3] == "01");
        }

        public Task SignalAsync(string signal) => _docker.Containers.KillContainerAsync(_app.Id, new ContainerKillParameters { Signal = signal });

        public async Task<long> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            return (await _docker.Containers.WaitContainerAsync(_app.Id, cts.Token)).StatusCode;
        }

        public Task<ContainerInspectResponse> InspectAsync() => _docker.Containers.InspectContainerAsync(_app.Id);

        /// <summary>Memory in use as the kubelet counts it: usage less the reclaimable file cache.</summary>
        public async Task<long> MemoryInUseAsync()
        {
            var last = new LastReport();
            await _docker.Containers.GetContainerStatsAsync(_app.Id, new ContainerStatsParameters { Stream = false, OneShot = true }, last);
            if (last.Value?.MemoryStats is not { } memory) return 0;
            ulong cache = 0;
            if (memory.Stats is { } detail && !detail.TryGetValue("total_inactive_file", out cache)) detail.TryGetValue("inactive_file", out cache);
            var usage = memory.Usage ?? 0;
            return (long)(usage - Math.Min(cache, usage));
        }

        /// <summary>/proc/&lt;pid&gt;/status of the app's process as key → value.</summary>
        public async Task<Dictionary<string, string>> ProcessStatusAsync()
        {
            var pid = (await InspectAsync()).State!.Pid;
            var status = (await File.ReadAllLinesAsync($"/proc/{pid}/status"))
                .Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
            status["Pid"] = pid.ToString(CultureInfo.InvariantCulture); // the host's view of the process (the kernel's own is namespaced)
            return status;
        }

        public async Task<string> LogsAsync()
        {
            var (stdout, stderr) = await _app.GetLogsAsync();
            return $"container logs:\n{stdout}{stderr}";
        }

        /// <summary>Keeps the report synchronously (Progress&lt;T&gt; would post it to the thread pool, after the call returned).</summary>
        private sealed class LastReport : IProgress<ContainerStatsResponse>
        {
            public ContainerStatsResponse? Value { get; private set; }

            public void Report(ContainerStatsResponse value) => Value = value;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            _docker.Dispose();
        }
    }
}

/// <summary>Runs <see cref="KubernetesConstraintsTests"/> with no other test group beside it.</summary>
[CollectionDefinition(nameof(KubernetesConstraintsTests), DisableParallelization = true)]
public sealed class KubernetesConstraintsCollection;
