namespace Images;

/// <summary>How a base image was obtained.</summary>
public enum BaseImageSource
{
    /// <summary>The requested image was already present.</summary>
    Present,
    /// <summary>The requested image was pulled.</summary>
    Pulled,
    /// <summary>A bootstrapped equivalent with the same inputs already existed (no work done).</summary>
    UpToDate,
    /// <summary>A bootstrapped equivalent was built now.</summary>
    Bootstrapped,
}

/// <summary>One resolved base image: <see cref="Name"/> is what to pass as a build arg or container image.</summary>
public sealed record ResolvedImage(string Role, string Requested, string Name, string Id, BaseImageSource Source, TimeSpan Elapsed)
{
    public override string ToString() => $"{Role}: {Name} ({Source})";
}

/// <summary>What <see cref="BaseImages.EnsureAsync"/> hands to the Image and test steps.</summary>
public sealed record BaseImageSet(ResolvedImage Sdk, ResolvedImage Runtime, ResolvedImage? Postgres, ResolvedImage? Registry)
{
    public IEnumerable<ResolvedImage> All => new[] { Sdk, Runtime, Postgres, Registry }.OfType<ResolvedImage>();
}
