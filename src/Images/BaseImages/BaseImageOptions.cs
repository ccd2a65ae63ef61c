namespace Images;

/// <summary>Which base images the pipeline needs, and where bootstrapping finds its inputs.</summary>
public sealed record BaseImageOptions
{
    public const string OfficialSdk = "mcr.microsoft.com/dotnet/sdk:10.0-noble-aot";
    public const string OfficialRuntimeDeps = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled";
    public const string OfficialPostgres = "postgres:15-bookworm";
    public const string OfficialRegistry = "registry:2";

    /// <summary>The repository root: recipes are read from <c>images/</c>, scratch space is <c>.nuke/temp/images/</c>.</summary>
    public required string RepositoryRoot { get; init; }

    public string SdkImage { get; init; } = OfficialSdk;
    public string RuntimeImage { get; init; } = OfficialRuntimeDeps;
    /// <summary>Null: not needed by this run.</summary>
    public string? PostgresImage { get; init; } = OfficialPostgres;
    /// <summary>Null: not needed by this run (the Publish pipeline asks for it).</summary>
    public string? RegistryImage { get; init; }

    /// <summary>
    /// A pull is abandoned when the registry sends nothing for this long. A registry that answers keeps the
    /// pull alive (progress resets the clock), so a real 200 MB pull is not cut off.
    /// </summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Debian suite of the bootstrapped images.</summary>
    public string Suite { get; init; } = "bookworm";
    public string AptDirectory { get; init; } = "/etc/apt";
    /// <summary>The host's extra CA certificates: trusted by the bootstrapped SDK image, never by the final image.</summary>
    public string ExtraCaDirectory { get; init; } = "/usr/local/share/ca-certificates";
    /// <summary>Null: detect (DOTNET_ROOT, else the dotnet on PATH).</summary>
    public string? DotnetRoot { get; init; }
    /// <summary>Repository prefix of bootstrapped images, e.g. creditrobot/bootstrap-sdk:10.0.401.</summary>
    public string BootstrapRepositoryPrefix { get; init; } = "creditrobot/bootstrap-";

    /// <summary>Installs debootstrap when bootstrapping needs it; the caller's, so it can report what was installed.</summary>
    public HostTools HostTools { get; init; } = new();

    public string RecipesDirectory => Path.Combine(RepositoryRoot, "images");
    public string TempDirectory => Path.Combine(RepositoryRoot, ".nuke", "temp", "images");
}
