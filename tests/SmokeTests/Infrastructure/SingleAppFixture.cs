using Containers;
using Containers.Output;
using Containers.Testing;
using Xunit.Abstractions;

namespace SmokeTests.Infrastructure;

/// <summary>
/// A class fixture that starts one app container for all tests of a scenario group; each test attaches its
/// own output so the container's live logs land in the test that is running.
/// </summary>
public abstract class SingleAppFixture : IAsyncLifetime
{
    private readonly SwitchableOutputConsumer _output = new();
    private IContainer? _app;

    public IContainer Attach(ITestOutputHelper output)
    {
        _output.Attach(output);
        return _app!;
    }

    /// <summary>Builds the group's container; <paramref name="output"/> must be its output consumer.</summary>
    protected abstract Task<IContainer> CreateAsync(IOutputConsumer output);

    public async Task InitializeAsync()
    {
        _app = await CreateAsync(_output);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
