using Containers.Cleanup;
using Containers.Engine;

namespace Containers;

internal sealed class DockerNetwork(string name, IReadOnlyDictionary<string, string> labels) : INetwork
{
    private readonly SemaphoreSlim _creating = new(1, 1);
    private string? _id;

    public string Name => name;

    public string Id => _id ?? throw new InvalidOperationException($"Network '{Name}' has not been created; call CreateAsync first.");

    public async Task CreateAsync(CancellationToken cancellationToken = default)
    {
        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (_id is not null) return;
            var engine = await ContainerEngine.GetAsync(cancellationToken);
            var all = new Dictionary<string, string>(labels);
            foreach (var (key, value) in TestSession.Labels) all[key] = value;
            _id = await engine.CreateNetworkAsync(Name, all, cancellationToken);
        }
        finally
        {
            _creating.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_id is null) return;
        var engine = await ContainerEngine.GetAsync(CancellationToken.None);
        await engine.RemoveNetworkAsync(_id, CancellationToken.None);
        _id = null;
    }

    public override string ToString() => Name;
}
