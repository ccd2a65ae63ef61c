using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace SmokeTests.Infrastructure;

/// <summary>
/// A class fixture that starts the containers of one scenario group side by side (their startups overlap instead
/// of queueing behind each other's tests) and removes them all afterwards. Each test picks its container by key.
/// </summary>
public abstract class ContainerSet : IAsyncLifetime
{
    private readonly Dictionary<string, IContainer> _containers = [];
    private readonly Dictionary<string, Exception> _failures = [];

    /// <summary>The containers to start, by key.</summary>
    protected abstract Task<IReadOnlyDictionary<string, ContainerBuilder>> DescribeAsync();

    /// <summary>The container for <paramref name="key"/>; rethrows its start failure in the test that needs it.</summary>
    public IContainer Get(string key = "") =>
        _failures.TryGetValue(key, out var failure)
            ? throw new InvalidOperationException($"Container '{key}' of this scenario group did not start: {failure.Message}", failure)
            : _containers[key];

    public async Task InitializeAsync()
    {
        foreach (var (key, builder) in await DescribeAsync()) _containers[key] = builder.Build();
        await Task.WhenAll(_containers.Select(async pair =>
        {
            try
            {
                await pair.Value.StartAsync();
            }
            catch (Exception e)
            {
                lock (_failures) _failures[pair.Key] = e;
            }
        }));
    }

    public async Task DisposeAsync()
    {
        foreach (var container in _containers.Values) await container.DisposeAsync();
    }
}
