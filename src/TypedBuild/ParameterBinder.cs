namespace TypedBuild;

/// <summary>Where a parameter's value came from; shown by <c>--plan</c>.</summary>
public enum ParameterSource
{
    Default,
    ParametersFile,
    Environment,
    CommandLine,
}

/// <summary>Where a value came from, as the user set it (<c>NUKE_CONF_WORKERS</c>, not the canonical name).</summary>
internal sealed record ParameterOrigin(ParameterSource Source, string? Variable = null)
{
    public static readonly ParameterOrigin Default = new(ParameterSource.Default);

    public override string ToString() => Source switch
    {
        ParameterSource.CommandLine => "command line",
        ParameterSource.Environment => "environment " + Variable,
        ParameterSource.ParametersFile => ".nuke/parameters.json",
        _ => "default",
    };
}

/// <summary>Applies the precedence command line > environment > parameters.json > default.</summary>
internal static class ParameterBinder
{
    /// <summary>Sets every parameter that has a value from some source, then checks the rules between values (the
    /// groups' combinations, the build's <see cref="BuildScript.ParameterChecks"/>). Secret raw values are registered
    /// with the redactor before anything can print them (even in an error about their format).</summary>
    public static Dictionary<BuildParameter, ParameterOrigin> Bind(
        BuildScript build,
        BuildModel model,
        CommandLine commandLine,
        IReadOnlyDictionary<string, string> environment,
        ParametersFile file,
        string rootDirectory,
        SecretRedactor redactor,
        List<string> errors)
    {
        var sources = new Dictionary<BuildParameter, ParameterOrigin>();
        var errorsBefore = errors.Count;
        foreach (var parameter in model.Parameters)
        {
            var (values, source, where) = Pick(parameter, commandLine, environment, file);
            // A bool has nothing to hide, and masking every "true" would garble the output.
            if (parameter.IsSecret && !ValueConverter.IsBool(parameter.ValueType))
            {
                redactor.Add(ValueConverter.Format(parameter.DefaultValue));
                foreach (var value in values ?? [])
                    redactor.Add(value);
            }

            if (values is null)
            {
                sources[parameter] = ParameterOrigin.Default;
                continue;
            }

            try
            {
                parameter.Bind(build, values, rootDirectory);
                sources[parameter] = source;
            }
            catch (FormatException e)
            {
                errors.Add($"{where}: {e.Message}" + (e.Message.EndsWith('?') || e.Message.EndsWith('.') ? "" : "."));
            }
        }

        // Rules between values only mean something once each value is valid.
        if (errors.Count > errorsBefore)
            return sources;
        foreach (var (prefix, group) in model.Groups)
            errors.AddRange(group.CheckCombinations(key => "--" + Naming.ToKebabCase(prefix + Naming.ToPascalCase(key))));
        errors.AddRange(build.ParameterProblems);
        return sources;
    }

    /// <summary>
    /// As NUKE: <c>CONF_PORT</c>, <c>NUKE_CONF_PORT</c>, <c>ConfPort</c>, <c>nuke_confport</c> all set <c>ConfPort</c>.
    /// The exact name wins, then the NUKE_-prefixed one, then any spelling (ordinal order, so it is stable).
    /// Empty values count as not given (an unset GitHub variable arrives empty).
    /// </summary>
    internal static (string Name, string Value)? FindEnvironment(BuildParameter parameter, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var name in EnvironmentNames(parameter, environment))
        {
            if (environment.TryGetValue(name, out var value) && value.Length > 0)
                return (name, value);
        }

        return null;
    }

    /// <summary>Every variable of <paramref name="environment"/> that names <paramref name="parameter"/>, best first
    /// (also used to keep secrets out of child processes).</summary>
    internal static IEnumerable<string> EnvironmentNames(BuildParameter parameter, IReadOnlyDictionary<string, string> environment)
    {
        var exact = new[] { parameter.EnvironmentVariable, "NUKE_" + parameter.EnvironmentVariable };
        var key = Normalize(parameter.Name);
        return exact.Concat(environment.Keys
            .Where(k => Normalize(k.StartsWith("NUKE_", StringComparison.OrdinalIgnoreCase) ? k[5..] : k) == key)
            .Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);
    }

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    private static (List<string>? Values, ParameterOrigin Source, string Where) Pick(
        BuildParameter parameter, CommandLine commandLine, IReadOnlyDictionary<string, string> environment, ParametersFile file)
    {
        if (commandLine.Values.TryGetValue(parameter, out var fromArgs))
            return (fromArgs, new(ParameterSource.CommandLine), $"--{parameter.OptionName}");

        if (FindEnvironment(parameter, environment) is var (name, fromEnv))
        {
            var values = ValueConverter.IsArray(parameter.ValueType) ? CommandLine.SplitList(fromEnv) : [fromEnv];
            return (values, new(ParameterSource.Environment, name), $"Environment variable {name}");
        }

        return file.Values.TryGetValue(parameter, out var fromFile)
            ? (fromFile, new(ParameterSource.ParametersFile), $".nuke/{ParametersFile.FileName} key '{parameter.Name}'")
            : (null, ParameterOrigin.Default, "");
    }
}
