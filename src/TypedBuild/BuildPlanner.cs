namespace TypedBuild;

/// <summary>
/// Orders targets: the invoked targets plus everything they depend on or trigger, sorted topologically.
/// Ties are broken by declaration order, so the same invocation always yields the same order.
/// </summary>
internal static class BuildPlanner
{
    public static IReadOnlyList<BuildTarget> Plan(IReadOnlyList<BuildTarget> invoked)
    {
        var set = new HashSet<BuildTarget>();
        var pending = new Stack<BuildTarget>(invoked.Reverse());
        while (pending.TryPop(out var target))
        {
            if (!set.Add(target))
                continue;
            foreach (var next in target.DependsOn.Concat(target.Triggers))
                pending.Push(next);
        }

        return Order(set);
    }

    /// <summary>Checks the whole graph once, so a definition cycle fails every invocation, not just some.</summary>
    public static void ThrowOnCycle(IReadOnlyList<BuildTarget> all) => Order(all.ToHashSet());

    private static List<BuildTarget> Order(HashSet<BuildTarget> set)
    {
        var edges = Edges(set);
        var incoming = set.ToDictionary(t => t, _ => 0);
        foreach (var edge in edges)
            incoming[edge.To]++;

        var ready = new SortedSet<BuildTarget>(set.Where(t => incoming[t] == 0), Comparer<BuildTarget>.Create((a, b) => a.Index.CompareTo(b.Index)));
        var order = new List<BuildTarget>(set.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            foreach (var edge in edges.Where(e => e.From == next))
            {
                if (--incoming[edge.To] == 0)
                    ready.Add(edge.To);
            }
        }

        if (order.Count < set.Count)
            throw new UsageException(DescribeCycle(set.Where(t => incoming[t] > 0).ToHashSet(), edges));
        return order;
    }

    /// <summary>"From runs before To", with the declaration that says so.</summary>
    private sealed record Edge(BuildTarget From, BuildTarget To, string Reason);

    private static List<Edge> Edges(HashSet<BuildTarget> set)
    {
        var edges = new List<Edge>();
        foreach (var t in set.OrderBy(t => t.Index))
        {
            edges.AddRange(t.DependsOn.Where(set.Contains).Select(d => new Edge(d, t, $"{t.Name} DependsOn {d.Name}")));
            edges.AddRange(t.After.Where(set.Contains).Select(a => new Edge(a, t, $"{t.Name} After {a.Name}")));
            edges.AddRange(t.Before.Where(set.Contains).Select(b => new Edge(t, b, $"{t.Name} Before {b.Name}")));
            edges.AddRange(t.Triggers.Where(set.Contains).Select(x => new Edge(t, x, $"{t.Name} Triggers {x.Name}")));
        }

        return edges;
    }

    private static string DescribeCycle(HashSet<BuildTarget> remaining, List<Edge> edges)
    {
        // Every remaining node has an incoming edge from a remaining node; walk those edges backwards until a
        // node repeats: that stretch is a cycle.
        var path = new List<(BuildTarget Target, Edge? Via)>();
        var current = remaining.OrderBy(t => t.Index).First();
        Edge? via = null;
        while (path.FindIndex(p => p.Target == current) is var seen && seen < 0)
        {
            path.Add((current, via));
            via = edges.Where(e => e.To == current && remaining.Contains(e.From)).OrderBy(e => e.From.Index).First();
            current = via.From;
        }

        var cycleStart = path.FindIndex(p => p.Target == current);
        var cycle = path.Skip(cycleStart).Select(p => p.Target).Reverse().ToList();
        var reasons = path.Skip(cycleStart + 1).Select(p => p.Via!.Reason).Reverse().Append(via!.Reason);
        var names = string.Join(" → ", cycle.Append(cycle[0]).Select(t => t.Name));
        return $"Target cycle: {names} (→ means 'runs before', declared by: {string.Join(", ", reasons)}). Remove one of these relations.";
    }
}
