namespace ServerConfig;

/// <summary>The outcome of parsing one raw value: a value, or what is wrong with it (ending in "(expected …)").</summary>
public readonly record struct Parsed<T>(T Value, string? Error)
{
    public static Parsed<T> Ok(T value) => new(value, null);

    public static Parsed<T> Fail(string error) => new(default!, error);
}
