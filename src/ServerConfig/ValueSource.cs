namespace ServerConfig;

public enum SourceKind { Default, File, Environment, CommandLine }

/// <summary>Where a resolved value came from, e.g. <c>server.conf:7</c>, <c>PORT</c> or <c>--bind</c>.</summary>
public sealed record ValueSource(SourceKind Kind, string Where)
{
    public static ValueSource Default { get; } = new(SourceKind.Default, "default");

    public override string ToString() => Where;
}
