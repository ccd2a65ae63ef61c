using System.Collections.Immutable;

namespace Containers;

/// <summary>Immutable fluent description of a user-defined bridge network (containers reach each other by alias).</summary>
public sealed class NetworkBuilder
{
    private readonly string _name;
    private readonly ImmutableDictionary<string, string> _labels;

    public NetworkBuilder()
        : this("network", ImmutableDictionary<string, string>.Empty)
    {
    }

    private NetworkBuilder(string name, ImmutableDictionary<string, string> labels)
    {
        _name = name;
        _labels = labels;
    }

    /// <summary>A readable name prefix; a random suffix keeps parallel tests apart.</summary>
    public NetworkBuilder WithName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("Network name must not be empty.", nameof(name)) : new(name, _labels);

    public NetworkBuilder WithLabel(string name, string value) => new(_name, _labels.SetItem(name, value));

    public INetwork Build() => new DockerNetwork(ResourceNames.Unique(_name), _labels);
}
