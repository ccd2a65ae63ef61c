namespace TypedBuild;

/// <summary>Where a parameter's value came from; shown by <c>--plan</c>.</summary>
public enum ParameterSource
{
    Default,
    ParametersFile,
    Environment,
    CommandLine,
}

/// <summary>Applies the precedence command line > environment > parameters.json > default.</summary>
internal static class ParameterBinder
{
    /// <summary>Sets every parameter that has a value from some source. Secret raw values are registered
    /// with the redactor before anything can print them (even in an error about their format).</summary>
    public static Dictionary<BuildParameter, ParameterSource> Bind(
        BuildScript build,
        IReadOnlyList<BuildParameter> parameters,
        CommandLine commandLine,
        IReadOnlyDictionary<string, string> environment,
        ParametersFile file,
        string rootDirectory,
        SecretRedactor redactor,
        List<string> errors)
    {
        var sources = new Dictionary<BuildParameter, ParameterSource>();
        foreach (var parameter in parameters)
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
                sources[parameter] = ParameterSource.Default;
                continue;
            }

            try
            {
                parameter.SetValue(build, ValueConverter.Convert(parameter.ValueType, values, rootDirectory));
                sources[parameter] = source;
            }
            catch (FormatException e)
            {
                errors.Add($"{where}: {e.Message}" + (e.Message.EndsWith('?') ? "" : "."));
            }
        }

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

    private static (List<string>? Values, ParameterSource Source, string Where) Pick(
        BuildParameter parameter, CommandLine commandLine, IReadOnlyDictionary<string, string> environment, ParametersFile file)
    {
        if (commandLine.Values.TryGetValue(parameter, out var fromArgs))
            return (fromArgs, ParameterSource.CommandLine, $"--{parameter.OptionName}");

        if (FindEnvironment(parameter, environment) is var (name, fromEnv))
        {
            var values = ValueConverter.IsArray(parameter.ValueType) ? CommandLine.SplitList(fromEnv) : [fromEnv];
            return (values, ParameterSource.Environment, $"Environment variable {name}");
        }

        return file.Values.TryGetValue(parameter, out var fromFile)
            ? (fromFile, ParameterSource.ParametersFile, $".nuke/{ParametersFile.FileName} key '{parameter.Name}'")
            : (null, ParameterSource.Default, "");
    }
}
