namespace TypedBuild;

/// <summary>Checks <c>Requires</c>/<c>RequiresTool</c> of every planned target before any target runs.</summary>
internal static class Requirements
{
    public static void ThrowIfUnmet(IEnumerable<BuildTarget> targets, BuildModel model, IReadOnlyDictionary<string, string> environment)
    {
        var errors = new List<string>();
        foreach (var target in targets)
        {
            foreach (var requirement in target.Definition.Requirements)
            {
                object? value;
                try
                {
                    value = requirement.Value();
                }
                catch (UsageException e)
                {
                    // A requirement that says itself what is wrong and what to do (e.g. which files are uncommitted).
                    errors.AddRange(e.Errors.Select(error => $"Target {target.Name} requires {requirement.Expression}: {error}"));
                    continue;
                }
                catch (Exception e)
                {
                    errors.Add($"Target {target.Name}: evaluating requirement '{requirement.Expression}' failed: {e.Message}");
                    continue;
                }

                if (!ValueConverter.IsSet(value))
                    errors.Add($"Target {target.Name} requires {Describe(requirement.Expression, model)}.");
            }

            foreach (var tool in target.RequiredTools)
            {
                if (ToolLocator.Find(tool, environment.GetValueOrDefault("PATH") ?? "") is null)
                    errors.Add($"Target {target.Name} requires the tool '{tool}', which was not found on PATH.");
            }
        }

        if (errors.Count > 0)
            throw new UsageException(errors);
    }

    /// <summary>"() => ApiKey" → "parameter --api-key (or environment variable API_KEY) to be set".</summary>
    private static string Describe(string expression, BuildModel model)
    {
        var body = expression;
        if (body.IndexOf("=>", StringComparison.Ordinal) is var arrow and >= 0)
            body = body[(arrow + 2)..];
        body = body.Trim();
        if (body.StartsWith("this.", StringComparison.Ordinal))
            body = body[5..];
        var parameter = model.Parameters.FirstOrDefault(p => p.Name == body);
        return parameter is null
            ? $"'{body}' to be set"
            : $"parameter --{parameter.OptionName} (or environment variable {parameter.EnvironmentVariable}) to be set";
    }
}
