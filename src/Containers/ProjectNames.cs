namespace Containers;

/// <summary>
/// The names the build hands to the tests and the benchmark: environment variables and the images they name by
/// default, each written once.
/// </summary>
public static class ProjectNames
{
    /// <summary>The app image under test, by id: the Image target's product.</summary>
    public const string AppImageVariable = "CREDITROBOT_IMAGE";

    /// <summary>A PostgreSQL image with the official <c>postgres</c> image's contract.</summary>
    public const string PostgresImageVariable = "CREDITROBOT_POSTGRES_IMAGE";

    /// <summary>The registry image the publishing tests push to.</summary>
    public const string RegistryImageVariable = "PUBLISHING_TEST_REGISTRY_IMAGE";

    /// <summary>The Debian base the BaseImages target bootstraps when nothing can be pulled.</summary>
    public const string BootstrappedDebian = "creditrobot/bootstrap-debian:bookworm";

    /// <summary>The PostgreSQL image BaseImages bootstraps from images/postgres on <see cref="BootstrappedDebian"/>.</summary>
    public const string BootstrappedPostgres = "creditrobot/bootstrap-postgres:bookworm";

    /// <summary>The official Debian image, used where it can be pulled and nothing was bootstrapped.</summary>
    public const string OfficialDebian = "debian:bookworm-slim";

    /// <summary>The registry image BaseImages bootstraps when none can be pulled.</summary>
    public const string BootstrappedRegistry = "creditrobot/bootstrap-registry:bookworm";
}
