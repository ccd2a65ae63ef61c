namespace TypedBuild;

/// <summary>
/// Base class of a build (NUKE's <c>NukeBuild</c>):
/// <code>
/// class Build : BuildScript
/// {
///     public static int Main(string[] args) => Execute&lt;Build&gt;(args, x => x.Compile);
///     [Parameter("Configuration to build")] readonly string Configuration = "Debug";
///     Target Compile => _ => _.Description("Build").Executes(ct => DotNet(["build"], ct));
/// }
/// </code>
/// </summary>
public abstract class BuildScript
{
    private BuildContext? _context;

    /// <summary>Parses the command line, plans and runs; returns 0 (success), 1 (a target failed) or 2 (usage).</summary>
    public static int Execute<T>(string[] args, Func<T, Target> defaultTarget) where T : BuildScript, new() =>
        BuildEngine.RunAsync(new T(), BuildHost.FromProcess(args), b => defaultTarget((T)b)).GetAwaiter().GetResult();

    /// <summary>The repository root: the directory containing <c>.nuke/</c>.</summary>
    public AbsolutePath RootDirectory { get; internal set; } = AbsolutePath.Create(".");

    /// <summary>True on CI (<c>CI=true</c> or <c>GITHUB_ACTIONS=true</c>).</summary>
    public bool IsServerBuild => IsTrue("CI") || IsTrue("GITHUB_ACTIONS");

    public bool IsLocalBuild => !IsServerBuild;

    /// <summary>Console output for targets; redacts secrets.</summary>
    protected BuildLog Log => Context.Log;

    /// <summary>Notes and extra rows for the final table.</summary>
    protected BuildSummary Summary => Context.Summary;

    internal BuildContext Context
    {
        get => _context ?? throw new InvalidOperationException("The build has not started: run it through BuildScript.Execute.");
        set => _context = value;
    }

    /// <summary>
    /// Rules between parameters (pairings, formats a type cannot say), checked after every parameter is bound and
    /// before any target runs, also for <c>--plan</c>; each non-null message is a usage error (exit 2), e.g.
    /// <c>RegistryPassword is null || RegistryUsername is not null ? null : "--registry-password needs --registry-username"</c>.
    /// </summary>
    protected virtual IEnumerable<string?> ParameterChecks => [];

    internal IEnumerable<string> ParameterProblems => ParameterChecks.OfType<string>();

    /// <summary>A tool found on PATH when it is first run.</summary>
    protected Tool ToolFromPath(string name) =>
        (arguments, cancellationToken, options) => Context.Runner.RunAsync(name, arguments, options, cancellationToken);

    /// <summary>Runs after all targets (also after failure or Ctrl+C), last registered first, with its own
    /// 60 s token. A failing cleanup fails the build and gets a row in the summary.</summary>
    protected void RegisterCleanup(string name, Func<CancellationToken, Task> cleanup) => Context.Cleanups.Add((name, cleanup));

    /// <summary>Masks a value obtained at run time (a token, a generated password) in all further output.</summary>
    protected void RegisterSecret(string value) => Context.Log.Redactor.Add(value);

    /// <summary>An environment variable as the engine sees it (tests inject their own).</summary>
    protected string? EnvironmentVariable(string name) => Context.Environment.GetValueOrDefault(name);

    /// <summary>
    /// Every parameter (group entries too) with its effective value as <c>--plan</c> prints it, for records such as
    /// provenance: a secret's value is never read out, only whether it was given.
    /// </summary>
    protected IReadOnlyList<ParameterValue> ParameterValues() => [.. Context.Parameters.Select(p => p.GetValue(this) is var value && p.IsSecret
        ? new ParameterValue(p.Name, null, IsSecret: true, ValueConverter.IsSet(value))
        : new ParameterValue(p.Name, ValueConverter.Format(value), IsSecret: false, ValueConverter.IsSet(value)))];

    private bool IsTrue(string name) =>
        _context?.Environment.GetValueOrDefault(name) is { } value && value.Equals("true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One parameter's effective value as text (<see cref="Value"/> is null for a secret), and whether it was set.</summary>
public sealed record ParameterValue(string Name, string? Value, bool IsSecret, bool IsSet);
