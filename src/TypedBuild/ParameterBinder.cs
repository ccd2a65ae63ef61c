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

    private static (List<string>? Values, ParameterSource Source, string Where) Pick(
        BuildParameter parameter, CommandLine commandLine, IReadOnlyDictionary<string, string> environment, ParametersFile file)
    {
        if (commandLine.Values.TryGetValue(parameter, out var fromArgs))
            return (fromArgs, ParameterSource.CommandLine, $"--{parameter.OptionName}");

        if (environment.TryGetValue(parameter.EnvironmentVariable, out var fromEnv) && fromEnv.Length > 0)
        {
            var values = ValueConverter.IsArray(parameter.ValueType) ? CommandLine.SplitList(fromEnv) : [fromEnv];
            return (values, ParameterSource.Environment, $"Environment variable {parameter.EnvironmentVariable}");
        }

        return file.Values.TryGetValue(parameter, out var fromFile)
            ? (fromFile, ParameterSource.ParametersFile, $".nuke/{ParametersFile.FileName} key '{parameter.Name}'")
            : (null, ParameterSource.Default, "");
    }
}
