namespace TypedBuild;

/// <summary><c>--plan</c>: the execution order and the effective parameters, without running anything.</summary>
internal static class PlanWriter
{
    public static void Write(BuildLog log, IReadOnlyList<BuildTarget> plan, IReadOnlyList<BuildTarget> invoked,
        IReadOnlySet<BuildTarget> skipped, BuildModel model, BuildScript build, IReadOnlyDictionary<BuildParameter, ParameterOrigin> sources)
    {
        log.Line($"Plan for {string.Join(", ", invoked.Select(t => t.Name))}:");
        for (var i = 0; i < plan.Count; i++)
        {
            var target = plan[i];
            var notes = new List<string>();
            if (skipped.Contains(target))
                notes.Add("skipped (--skip)");
            if (target.Definition.Conditions.Count > 0)
                notes.Add("only when " + string.Join(" and ", target.Definition.Conditions.Select(c => c.Text)));
            if (target.ProceedAfterFailure)
                notes.Add("proceeds after failure");
            if (target.AssuredAfterFailure)
                notes.Add("runs after failure");
            var suffix = notes.Count > 0 ? $"  ({string.Join("; ", notes)})" : "";
            log.Line($"  {i + 1}. {target.Name}{suffix}");
        }

        if (model.Parameters.Count == 0)
            return;
        log.Line("");
        log.Line("Parameters:");
        var width = model.Parameters.Max(p => p.OptionName.Length) + 2;
        foreach (var parameter in model.Parameters)
        {
            var value = ValueConverter.Format(parameter.GetValue(build));
            if (parameter.IsSecret && value.Length > 0)
                value = SecretRedactor.Mask;
            var source = sources.GetValueOrDefault(parameter) ?? ParameterOrigin.Default;
            log.Line($"  --{parameter.OptionName.PadRight(width)}{(value.Length > 0 ? value : "(not set)")}  [{source}]");
        }
    }
}
