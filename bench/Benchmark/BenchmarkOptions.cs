namespace Benchmark;

/// <summary>
/// What to compare and how hard. Only the images and the repository root are required; the defaults are the
/// issue's protocol (limits, rounds, durations), shortened only for development runs.
/// </summary>
public sealed record BenchmarkOptions
{
    /// <summary>Our image: id (sha256:…) or tag, as the Image target produced it. Never rebuilt here.</summary>
    public required string OursImage { get; init; }

    /// <summary>
    /// The trimmed self-contained JIT variant of our image (same Dockerfile, VARIANT=jit), measured in the same
    /// alternating run so the report shows why the production image is Native AOT. Null: not compared. Never rebuilt here.
    /// </summary>
    public string? JitImage { get; init; }

    /// <summary>The peer image (id or tag). Null: build it from <see cref="PeerContext"/> on <see cref="PeerBaseImage"/>.</summary>
    public string? PeerImage { get; init; }

    /// <summary>The bootstrapped Debian base image the peer is built on (BASE_IMAGE build argument); BaseImages makes it.</summary>
    public string? PeerBaseImage { get; init; } = "creditrobot/bootstrap-debian:bookworm";

    /// <summary>Repository root: bench/peer, build.sh and the edited .cs file are found from here.</summary>
    public required string RepositoryRoot { get; init; }

    public string PeerContext => Path.Combine(RepositoryRoot, "bench", "peer");

    /// <summary>Where results.json, results.md and chart.svg go.</summary>
    public string? OutputDirectory { get; init; }

    public string ResolvedOutputDirectory => OutputDirectory ?? Path.Combine(RepositoryRoot, "artifacts", "benchmark");

    public int OursPort { get; init; } = 8080;
    public int PeerPort { get; init; } = 5000;

    /// <summary>Path and query every throughput run asks for; the correctness gate checks many more inputs.</summary>
    public string QuotePath { get; init; } = "/api/quote?amount=25000&income=4200&term=60";

    /// <summary>--cpus=1 --memory=512m for the side-by-side part.</summary>
    public long NanoCpus { get; init; } = 1_000_000_000;
    public long MemoryBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Start → first 200 rounds per image (alternating A B A B); at least 5 for a median and spread.</summary>
    public int StartupRounds { get; init; } = 7;
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throughput rounds per image and path (fresh container each, alternating).</summary>
    public int ThroughputRounds { get; init; } = 2;
    public int Connections { get; init; } = 64;
    public int WrkThreads { get; init; } = 2;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Host TIME_WAIT sockets must fall below this before a measured run starts (or the deadline passes).</summary>
    public int TimeWaitThreshold { get; init; } = 2000;
    public TimeSpan TimeWaitDeadline { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>Run the sustained load and slow-client section (our image only).</summary>
    public bool RunLoad { get; init; } = true;
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(60);
    public int LoadConnections { get; init; } = 64;
    public long LoadMemoryBytes { get; init; } = 256L * 1024 * 1024;
    public int SlowClients { get; init; } = 200;
    public int SlowCheckConnections { get; init; } = 16;
    public TimeSpan SlowCheckDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time the pipeline itself (cold/no-op Image, .cs edit → SmokeTest) by running build.sh as child processes.</summary>
    public bool RunPipeline { get; init; } = true;

    /// <summary>
    /// The .cs file written (an assembly attribute with a fresh value: it changes the IL, nothing else) for the edit →
    /// smoke-tested image timing; removed again afterwards, or restored if it existed.
    /// </summary>
    public string EditedSourceFile { get; init; } = Path.Combine("src", "CreditRobot", "BenchmarkEdit.cs");

    /// <summary>Extra arguments for the cold build (e.g. a no-cache parameter of the Image target), if it has one.</summary>
    public IReadOnlyList<string> ColdImageArguments { get; init; } = [];

    /// <summary>Arguments that make Image build every platform (e.g. PlatformImages and a platforms list); empty: not timed.</summary>
    public IReadOnlyList<string> TwoPlatformImageArguments { get; init; } = [];

    /// <summary>
    /// Arguments for build.sh on the checkout of <see cref="Measure.PipelineTimings.BaselineCommit"/> (its base images and
    /// image name, so it reuses this run's bases and leaves this checkout's tags alone); null: the loop before is not measured.
    /// </summary>
    public IReadOnlyList<string>? BaselineArguments { get; init; }

    /// <summary>Arguments after "Publish" for the attestation timing (skip the smoke tests already timed); empty: not timed.</summary>
    public IReadOnlyList<string> PublishArguments { get; init; } = [];

    /// <summary>Time only the pipeline (no peer, no image measurements): the budgets' check in minutes instead of an hour.</summary>
    public bool PipelineOnly { get; init; }
    public TimeSpan PipelineStepTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Label value for com.creditrobot.session, so an interrupted run's leftovers can be found.</summary>
    public string Session { get; init; } = $"benchmark-{Environment.ProcessId}";
}
