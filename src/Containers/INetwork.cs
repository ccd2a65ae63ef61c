namespace Containers;

/// <summary>A user-defined bridge network described by <see cref="NetworkBuilder"/>. <c>await using</c> removes it.</summary>
public interface INetwork : IAsyncDisposable
{
    /// <summary>Unique name (prefix plus random suffix); containers join it by this name.</summary>
    string Name { get; }

    /// <summary>The engine's id; available after <see cref="CreateAsync"/>.</summary>
    string Id { get; }

    /// <summary>Creates the network; does nothing if it exists already (containers call it on start).</summary>
    Task CreateAsync(CancellationToken cancellationToken = default);
}
