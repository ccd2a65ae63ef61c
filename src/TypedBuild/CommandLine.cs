namespace TypedBuild;

/// <summary>
/// <c>[targets…] [--target(s) targets…] [--skip [targets…]] [--continue] [--plan] [--help] [--generate-workflows]
/// [--verbosity quiet|minimal|normal|verbose] [--parameter value…]</c>.
/// Hand-written rather than System.CommandLine: options come from reflection at run time, the sources
/// (command line, environment, parameters.json) share one conversion and one error format with
/// suggestions over targets and parameters alike, and startup stays small (see the --help benchmark).
/// </summary>
internal sealed class CommandLine
{
    public List<string> Targets { get; } = [];
    public List<string>? Skip { get; private set; }
    public bool Plan { get; private set; }
    public bool Help { get; private set; }
    public bool GenerateWorkflows { get; private set; }

    /// <summary>NUKE's <c>--continue</c>: every target proceeds after a failure (its dependents still do not run).</summary>
    public bool Continue { get; private set; }
    public Verbosity? Verbosity { get; private set; }
    public Dictionary<BuildParameter, List<string>> Values { get; } = [];
    public List<string> Errors { get; } = [];

    public static readonly string[] BuiltInOptions = ["continue", "generate-workflows", "help", "plan", "skip", "target", "targets", "verbosity"];

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<BuildParameter> parameters)
    {
        var result = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "-?")
            {
                result.Help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg.StartsWith('-') && arg.Length > 1)
                    result.Errors.Add($"Unknown option '{arg}'. Options start with '--'.");
                else
                    result.Targets.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            if (name.IndexOf('=') is var eq and > 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            var key = name.ToLowerInvariant();
            switch (key)
            {
                case "help":
                    result.Help = true;
                    break;
                case "plan":
                    result.Plan = true;
                    break;
                case "generate-workflows":
                    result.GenerateWorkflows = true;
                    break;
                case "skip":
                    result.Skip ??= [];
                    result.Skip.AddRange(inline is null ? TakeValues(args, ref i) : Split(inline));
                    break;
                case "continue":
                    result.Continue = true;
                    break;
                case "target" or "targets":
                    var targets = inline is null ? TakeValues(args, ref i) : Split(inline);
                    if (targets.Count == 0)
                        result.Errors.Add($"--{key} expects one or more target names (see --help), e.g. --{key} Compile.");
                    result.Targets.AddRange(targets);
                    break;
                case "verbosity":
                    result.ParseVerbosity(inline ?? TakeOne(args, ref i));
                    break;
                default:
                    result.ParseParameter(name, inline, args, ref i, parameters);
                    break;
            }
        }

        return result;
    }

    private void ParseVerbosity(string? value)
    {
        if (value is not null && Enum.TryParse<Verbosity>(value, ignoreCase: true, out var verbosity) && !char.IsDigit(value[0]))
        {
            Verbosity = verbosity;
            return;
        }

        var names = Enum.GetNames<Verbosity>().Select(n => n.ToLowerInvariant()).ToList();
        Errors.Add(value is null
            ? $"--verbosity expects a value: {VerbosityNames}."
            : $"--verbosity: expected {VerbosityNames}, got '{value}'.{Naming.DidYouMean(value, names)}");
    }

    public const string VerbosityNames = "quiet, minimal, normal or verbose";

    private void ParseParameter(string name, string? inline, IReadOnlyList<string> args, ref int i, IReadOnlyList<BuildParameter> parameters)
    {
        var parameter = parameters.FirstOrDefault(p =>
            string.Equals(p.OptionName, name, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (parameter is null)
        {
            var candidates = parameters.Select(p => "--" + p.OptionName).Concat(BuiltInOptions.Select(o => "--" + o));
            Errors.Add($"Unknown option '--{name}'.{Naming.DidYouMean("--" + name, candidates)} See --help.");
            // Its value (if any) would otherwise be reported again as an unknown target or option, and a
            // mistyped secret option would have its value printed.
            if (inline is null)
                TakeValue(args, ref i, parameters);
            return;
        }

        List<string> values;
        if (inline is not null)
            values = ValueConverter.IsArray(parameter.ValueType) ? Split(inline) : [inline];
        else if (ValueConverter.IsArray(parameter.ValueType))
            values = TakeValues(args, ref i);
        else if (ValueConverter.IsBool(parameter.ValueType))
            values = i + 1 < args.Count && IsBoolLiteral(args[i + 1]) ? [args[++i]] : ["true"];
        // A value may itself start with "--" (a generated password): taken unless it is one of our options, which
        // means the value was left out (`--registry-password --plan` must not run the pipeline with "--plan" as the
        // password); such a value is given as --name=--value.
        else if (TakeValue(args, ref i, parameters) is { } value)
            values = [value];
        else
        {
            Errors.Add($"--{parameter.OptionName} expects a value ({parameter.TypeDisplay})" +
                       (i + 1 < args.Count ? $"; a value that starts with -- is given as --{parameter.OptionName}=VALUE." : "."));
            return;
        }

        Values[parameter] = values;
    }

    private static bool IsBoolLiteral(string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static string? TakeOne(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;

    private static string? TakeValue(IReadOnlyList<string> args, ref int i, IReadOnlyList<BuildParameter> parameters)
    {
        if (i + 1 >= args.Count)
            return null;
        var next = args[i + 1];
        if (!next.StartsWith("--", StringComparison.Ordinal) || !IsKnownOption(next, parameters))
            return args[++i];
        return null;
    }

    private static bool IsKnownOption(string arg, IReadOnlyList<BuildParameter> parameters)
    {
        var name = arg[2..].Split('=', 2)[0];
        return BuiltInOptions.Contains(name.ToLowerInvariant()) || parameters.Any(p =>
            string.Equals(p.OptionName, name, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> TakeValues(IReadOnlyList<string> args, ref int i)
    {
        var values = new List<string>();
        while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            values.Add(args[++i]);
        return values;
    }

    private static List<string> Split(string value) =>
        value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Environment and parameters.json share the separators of the <c>--name=a,b</c> form.</summary>
    public static List<string> SplitList(string value) => Split(value);
}
