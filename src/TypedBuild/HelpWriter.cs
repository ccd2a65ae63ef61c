namespace TypedBuild;

/// <summary><c>--help</c>: usage, targets (description, dependencies, default) and parameters
/// (type, default, environment variable). Plain aligned columns: fast to print, easy to grep.</summary>
internal static class HelpWriter
{
    public static void Write(BuildLog log, BuildModel model)
    {
        log.Line("Usage: ./build.sh [targets...] [--skip [targets...]] [--plan] [--help] [--generate-workflows] [--verbosity quiet|normal|verbose] [--<parameter> <value>...]");
        log.Line("");
        log.Line("Targets:");
        var targets = model.Targets.Where(t => !t.IsUnlisted).Select(t => new[]
        {
            t.IsDefault ? $"{t.Name} (default)" : t.Name,
            t.Description ?? "",
            t.DependsOn.Count > 0 ? "depends on " + string.Join(", ", t.DependsOn.Select(d => d.Name)) : "",
        });
        WriteColumns(log, targets);
        log.Line("");
        log.Line("Parameters (command line > environment variable > .nuke/parameters.json > default):");
        var parameters = model.Parameters.Select(p => new[]
        {
            "--" + p.OptionName,
            "<" + p.TypeDisplay + ">",
            DefaultText(p),
            "env " + p.EnvironmentVariable,
            p.IsSecret ? p.Description + " (secret)" : p.Description,
        }).Append(["--verbosity", "<quiet|normal|verbose>", "default: normal", "", "Output detail; verbose adds commands and stack traces"]);
        WriteColumns(log, parameters);
        log.Line("");
        log.Line("Exit codes: 0 success, 1 a target failed, 2 usage error (nothing ran).");
    }

    private static string DefaultText(BuildParameter parameter)
    {
        var value = ValueConverter.Format(parameter.DefaultValue);
        if (value.Length == 0)
            return "";
        return "default: " + (parameter.IsSecret ? SecretRedactor.Mask : value);
    }

    private static void WriteColumns(BuildLog log, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
            return;
        var widths = Enumerable.Range(0, list[0].Length).Select(i => list.Max(r => r[i].Length)).ToArray();
        foreach (var row in list)
            log.Line(("  " + string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i])))).TrimEnd());
    }
}
