using System.Reflection;

namespace TypedBuild;

/// <summary>The targets and parameters of one build class, read by reflection once per run.</summary>
public sealed class BuildModel
{
    private const BindingFlags Members =
        BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private BuildModel(IReadOnlyList<BuildTarget> targets, IReadOnlyList<BuildParameter> parameters,
        IReadOnlyList<(string Prefix, ParameterGroup Group)> groups, BuildTarget? defaultTarget)
    {
        Targets = targets;
        Parameters = parameters;
        Groups = groups;
        DefaultTarget = defaultTarget;
    }

    /// <summary>Targets in declaration order (base class first).</summary>
    public IReadOnlyList<BuildTarget> Targets { get; }

    public IReadOnlyList<BuildParameter> Parameters { get; }

    /// <summary>The <see cref="ParameterGroup"/> fields, by prefix (their entries are in <see cref="Parameters"/>).</summary>
    internal IReadOnlyList<(string Prefix, ParameterGroup Group)> Groups { get; }
    public BuildTarget? DefaultTarget { get; }

    public BuildTarget? FindTarget(string name) =>
        Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the build class. Parameters are read before targets are evaluated so a declaration
    /// may use parameter values.</summary>
    public static BuildModel Create(BuildScript build, Target? defaultTarget)
    {
        var hierarchy = Hierarchy(build.GetType());
        var (parameters, groups) = ReadParameters(build, hierarchy);
        var (targets, byMethod) = ReadTargets(build, hierarchy);

        BuildTarget? defaultResolved = null;
        if (defaultTarget is not null)
        {
            defaultResolved = byMethod.GetValueOrDefault(defaultTarget.Method)
                              ?? throw new UsageException("The default target is not a Target property of the build class.");
            defaultResolved.IsDefault = true;
        }

        BuildPlanner.ThrowOnCycle(targets);
        return new BuildModel(targets, parameters, groups, defaultResolved);
    }

    private static List<Type> Hierarchy(Type type)
    {
        var types = new List<Type>();
        for (var t = type; t is not null && t != typeof(BuildScript) && t != typeof(object); t = t.BaseType)
            types.Insert(0, t);
        return types;
    }

    private static (List<BuildParameter>, List<(string, ParameterGroup)>) ReadParameters(BuildScript build, List<Type> hierarchy)
    {
        var parameters = new List<BuildParameter>();
        var groups = new List<(string, ParameterGroup)>();
        var errors = new List<string>();
        foreach (var type in hierarchy)
        {
            var members = type.GetFields(Members).Cast<MemberInfo>()
                .Concat(type.GetProperties(Members))
                .OrderBy(m => m.MetadataToken);
            foreach (var member in members)
            {
                if ((member as FieldInfo)?.GetValue(build) is ParameterGroup group)
                {
                    groups.Add((member.Name, group));
                    parameters.AddRange(group.Members.Select(m => BuildParameter.ForGroupMember(member.Name, m)));
                    continue;
                }

                if (member.GetCustomAttribute<ParameterAttribute>() is not { } attribute)
                    continue;
                if (member is PropertyInfo { CanWrite: false })
                {
                    errors.Add($"Parameter {type.Name}.{member.Name} must be a field or a property with a setter.");
                    continue;
                }

                var (valueType, value) = member is FieldInfo field
                    ? (field.FieldType, field.GetValue(build))
                    : (((PropertyInfo)member).PropertyType, ((PropertyInfo)member).GetValue(build));
                if (!ValueConverter.IsSupported(valueType))
                {
                    errors.Add($"Parameter {type.Name}.{member.Name} has type {valueType.Name}; supported: " +
                               "string, bool, int, enums, string[], AbsolutePath (and nullable forms).");
                    continue;
                }

                var secret = member.GetCustomAttribute<SecretAttribute>() is not null;
                parameters.Add(BuildParameter.ForMember(member, attribute, secret, value));
            }
        }

        if (errors.Count > 0)
            throw new UsageException(errors);
        return (parameters, groups);
    }

    private static (List<BuildTarget>, Dictionary<MethodInfo, BuildTarget>) ReadTargets(BuildScript build, List<Type> hierarchy)
    {
        var targets = new List<BuildTarget>();
        var byMethod = new Dictionary<MethodInfo, BuildTarget>();
        foreach (var type in hierarchy)
        {
            foreach (var property in type.GetProperties(Members).Where(p => p.PropertyType == typeof(Target)).OrderBy(p => p.MetadataToken))
            {
                var target = (Target)property.GetValue(build)!;
                var definition = new TargetDefinition();
                target(definition);
                if (byMethod.TryGetValue(target.Method, out var existing))
                    throw new UsageException($"Target property {property.Name} returns the same target as {existing.Name}; declare each target once.");
                var resolved = new BuildTarget(property.Name, targets.Count, definition);
                targets.Add(resolved);
                byMethod[target.Method] = resolved;
            }
        }

        foreach (var target in targets)
        {
            var d = target.Definition;
            target.DependsOn = Resolve(d.DependsOnTargets, target, byMethod);
            target.Before = Resolve(d.BeforeTargets, target, byMethod);
            target.After = Resolve(d.AfterTargets, target, byMethod);
            target.Triggers = Resolve(d.TriggeredTargets, target, byMethod);
        }

        return (targets, byMethod);
    }

    private static List<BuildTarget> Resolve(List<Target> references, BuildTarget owner, Dictionary<MethodInfo, BuildTarget> byMethod) =>
        references.Select(r => byMethod.GetValueOrDefault(r.Method)
                               ?? throw new UsageException($"Target {owner.Name} refers to a target that is not a Target property of the build class."))
            .Distinct()
            .ToList();
}
