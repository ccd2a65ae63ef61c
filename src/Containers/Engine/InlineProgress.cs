namespace Containers;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back synchronously, in order. (System.Progress posts to the thread pool,
/// which can reorder build steps.)
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
