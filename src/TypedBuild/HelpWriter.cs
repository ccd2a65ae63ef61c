namespace TypedBuild;

/// <summary><c>--help</c>: usage, targets (description, dependencies, default) and parameters
/// (type, default, environment variables). Aligned columns that fit the terminal: the last column wraps,
/// and when even the fixed columns do not fit, each row is stacked (name first, the rest indented).</summary>
internal static class HelpWriter
{
    private const int MinimumDescriptionWidth = 30;

    public static void Write(BuildLog log, BuildModel model)
    {
        var width = log.Width;
        foreach (var line in Wrap("Usage: ./build.sh [targets...] [--target(s) targets...] [--skip [targets...]] [--continue] [--plan] [--help] " +
                                  "[--generate-workflows] [--verbosity quiet|minimal|normal|verbose] [--<parameter> <value>...]", width, "  "))
            log.Line(line);
        log.Line("");
        log.Line("Targets:");
        var targets = model.Targets.Where(t => !t.IsUnlisted).Select(t => new[]
        {
            t.IsDefault ? $"{t.Name} (default)" : t.Name,
            Join(t.Description, t.DependsOn.Count > 0 ? "(depends on " + string.Join(", ", t.DependsOn.Select(d => d.Name)) + ")" : null),
        });
        WriteColumns(log, targets, width);
        log.Line("");
        foreach (var line in Wrap("Parameters (command line > environment variable > .nuke/parameters.json > default):", width, "  "))
            log.Line(line);
        var parameters = model.Parameters.Select(p => new[]
        {
            "--" + p.OptionName,
            "<" + p.TypeDisplay + ">",
            Join(p.IsSecret ? p.Description + " (secret)" : p.Description, DefaultText(p), $"env {p.EnvironmentVariable}"),
        }).Append(["--verbosity", "<quiet|minimal|normal|verbose>", "Output detail; verbose adds commands and stack traces. default: normal"])
          .Append(["--continue", "", "Run the remaining targets after a failure (not the failed target's dependents)"]);
        WriteColumns(log, parameters, width);
        log.Line("");
        foreach (var line in Wrap("Environment names are matched ignoring case and underscores, with or without the NUKE_ prefix. " +
                                  "Exit codes: 0 success, 1 a target failed, 2 usage error (nothing ran), 130 cancelled (Ctrl+C).", width, ""))
            log.Line(line);
    }

    private static string Join(params string?[] parts) => string.Join(". ", parts.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!.TrimEnd('.')));

    private static string? DefaultText(BuildParameter parameter)
    {
        var value = ValueConverter.Format(parameter.DefaultValue);
        if (value.Length == 0)
            return null;
        return "default: " + (parameter.IsSecret ? SecretRedactor.Mask : value);
    }

    /// <summary>The last cell wraps into what is left of <paramref name="width"/>; stacked when too little is left.</summary>
    internal static void WriteColumns(BuildLog log, IEnumerable<string[]> rows, int width)
    {
        var list = rows.ToList();
        if (list.Count == 0)
            return;
        var columns = list[0].Length;
        var widths = Enumerable.Range(0, columns - 1).Select(i => list.Max(r => r[i].Length)).ToArray();
        var indent = 2 + widths.Sum(w => w + 2);
        var stacked = width - indent < MinimumDescriptionWidth;
        foreach (var row in list)
        {
            if (stacked)
            {
                foreach (var line in Wrap(string.Join(' ', row[..^1].Where(c => c.Length > 0)), width, "    ", "  "))
                    log.Line(line);
                foreach (var line in Wrap(row[^1], width, "      ", "      "))
                    log.Line(line);
                continue;
            }

            var fixedPart = "  " + string.Concat(row[..^1].Select((cell, i) => cell.PadRight(widths[i] + 2)));
            var wrapped = Wrap(row[^1], width - indent, "", "");
            log.Line((fixedPart + wrapped.FirstOrDefault()).TrimEnd());
            foreach (var line in wrapped.Skip(1))
                log.Line(new string(' ', indent) + line);
        }
    }

    /// <summary>Word wrap to <paramref name="width"/> columns; a word longer than a line is cut.</summary>
    internal static List<string> Wrap(string text, int width, string continuation, string first = "")
    {
        var lines = new List<string>();
        var line = first;
        var empty = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var room = width - line.Length - (empty ? 0 : 1);
                if (rest.Length <= room)
                {
                    line += (empty ? "" : " ") + rest;
                    rest = "";
                    empty = false;
                }
                else if (!empty)
                {
                    lines.Add(line);
                    (line, empty) = (continuation, true);
                }
                else
                {
                    var take = Math.Max(1, room);
                    line += rest[..take];
                    rest = rest[take..];
                    lines.Add(line);
                    (line, empty) = (continuation, true);
                }
            }
        }

        if (!empty || lines.Count == 0)
            lines.Add(line);
        return lines;
    }
}
