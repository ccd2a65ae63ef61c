using TypedBuild.GitHubActions;

namespace TypedBuild;

/// <summary>Turns arguments, environment and parameters.json into a checked plan (or help/plan output).</summary>
internal sealed record Invocation(IReadOnlyList<BuildTarget> Plan, IReadOnlySet<BuildTarget> Skipped, bool Continue)
{
    /// <summary>Returns null when --help or --plan was handled; throws <see cref="UsageException"/>.</summary>
    public static Invocation? Prepare(BuildScript build, BuildHost host, Func<BuildScript, Target>? defaultTarget, BuildLog log)
    {
        var root = (string)build.RootDirectory;
        var model = BuildModel.Create(build, defaultTarget?.Invoke(build));
        build.Context.Parameters = model.Parameters;
        var nuke = Path.Combine(root, ".nuke");
        var file = ParametersFile.Read(Path.Combine(nuke, ParametersFile.FileName), model.Parameters);
        var commandLine = CommandLine.Parse(host.Arguments, model.Parameters);
        var errors = new List<string>(commandLine.Errors.Concat(file.Errors));
        build.Context.Runner.Hide(model.Parameters.Where(p => p.IsSecret).SelectMany(p => ParameterBinder.EnvironmentNames(p, host.Environment)));

        log.Verbosity = commandLine.Verbosity ?? ParseVerbosity(file.Verbosity, errors) ?? Verbosity.Normal;
        SchemaWriter.WriteIfChanged(Path.Combine(nuke, SchemaWriter.FileName), model);
        // The CI workflows are generated from [GitHubActions] declarations like the schema: rewritten locally
        // (with a warning), a failure on CI when the checked-in file is stale.
        if (commandLine.GenerateWorkflows)
        {
            foreach (var outcome in GitHubActionsWorkflowWriter.Sync(build.GetType(), root, isCi: false))
                log.Info(outcome.Message);
            return null;
        }

        GitHubActionsWorkflowWriter.SyncAndReport(build.GetType(), root, build.IsServerBuild, log.Warn);
        var sources = ParameterBinder.Bind(build, model, commandLine, host.Environment, file, root, log.Redactor, errors);

        if (commandLine.Help)
        {
            HelpWriter.Write(log, model);
            return null;
        }

        var invoked = ResolveTargets(model, commandLine.Targets.Count > 0 ? commandLine.Targets : file.Targets, "target", errors);
        if (invoked.Count == 0 && errors.Count == 0)
        {
            if (model.DefaultTarget is null)
                errors.Add("No target given and the build declares no default target.");
            else
                invoked = [model.DefaultTarget];
        }

        var skipNames = commandLine.Skip ?? file.Skip;
        var skipped = ResolveTargets(model, skipNames, "--skip target", errors);
        if (errors.Count > 0)
            throw new UsageException(errors);

        var plan = BuildPlanner.Plan(invoked);
        // A bare --skip skips everything that was not invoked by name, as in NUKE.
        IReadOnlySet<BuildTarget> skipSet = skipNames is { Count: 0 }
            ? plan.Except(invoked).ToHashSet()
            : skipped.Where(plan.Contains).ToHashSet();

        if (commandLine.Plan)
        {
            PlanWriter.Write(log, plan, invoked, skipSet, model, build, sources);
            return null;
        }

        Requirements.ThrowIfUnmet(plan.Where(t => !skipSet.Contains(t)), model, host.Environment);
        return new Invocation(plan, skipSet, commandLine.Continue);
    }

    private static List<BuildTarget> ResolveTargets(BuildModel model, IReadOnlyList<string>? names, string what, List<string> errors)
    {
        var targets = new List<BuildTarget>();
        foreach (var name in names ?? [])
        {
            if (model.FindTarget(name) is { } target)
                targets.Add(target);
            else
                errors.Add($"Unknown {what} '{name}'.{Naming.DidYouMean(name, model.Targets.Select(t => t.Name))}");
        }

        return targets.Distinct().ToList();
    }

    private static Verbosity? ParseVerbosity(string? value, List<string> errors)
    {
        if (value is null)
            return null;
        if (Enum.TryParse<Verbosity>(value, ignoreCase: true, out var verbosity) && !char.IsDigit(value[0]))
            return verbosity;
        errors.Add($".nuke/{ParametersFile.FileName} key 'Verbosity': expected {CommandLine.VerbosityNames}, got '{value}'.");
        return null;
    }
}
