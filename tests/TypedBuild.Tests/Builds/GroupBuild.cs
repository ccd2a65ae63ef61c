using System.Globalization;

namespace TypedBuild.Tests.Builds;

/// <summary>A settings record with its own table, as an app's config library would have it.</summary>
internal sealed record PoolSettings(int Size = 4, string Mode = "fast", bool Warm = true);

/// <summary>A build with a parameter group bound to <see cref="PoolSettings"/>, and checks between parameters.</summary>
internal sealed class GroupBuild : BuildScript
{
    internal static readonly GroupEntry<PoolSettings>[] Table =
    [
        new("size", "Pool size", typeof(int),
            (s, raw) => int.TryParse(raw, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
                ? s with { Size = n } : throw new FormatException($"'{raw}' is not a size (expected 1-64)"),
            s => s.Size.ToString(CultureInfo.InvariantCulture)),
        new("pool_mode", "Mode", typeof(string),
            (s, raw) => raw is "fast" or "safe" ? s with { Mode = raw } : throw new FormatException($"'{raw}' is not a mode (expected fast or safe)"),
            s => s.Mode) { Choices = ["fast", "safe"] },
        new("warm", "Warm up", typeof(bool),
            (s, raw) => bool.TryParse(raw, out var b) ? s with { Warm = b } : throw new FormatException($"'{raw}' is not true or false"),
            s => s.Warm ? "true" : "false"),
    ];

    readonly ParameterGroup<PoolSettings> Pool = new(new PoolSettings(), Table,
        s => s.Size > 8 && s.Mode == "safe" ? [(["size", "pool_mode"], "safe mode takes at most 8 (expected a smaller size)")] : []);

    [Parameter("User")] public string? User { get; set; }
    [Parameter("Password"), Secret] public string? Password { get; set; }

    protected override IEnumerable<string?> ParameterChecks =>
        [Password is not null && User is null ? "--password needs --user too (or neither)" : null];

    public PoolSettings Settings => Pool.Value;
    public bool Ran { get; private set; }

    internal Target Show => _ => _.Executes(() =>
    {
        Ran = true;
        Log.Info($"pool {Settings}");
    });
}
