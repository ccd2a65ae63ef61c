namespace Testing;

/// <summary>
/// Polling with a deadline instead of sleeps: a probe that throws counts as "not yet" (the app may still be starting);
/// the failure says what was awaited and the last error. An assertion failure inside the probe stops at once.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value && !Equals(value, false)) return value;
            }
            catch (Exception e) when (!IsAssertionFailure(e))
            {
                last = e;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0} s for {what}{(last is null ? "" : $"; last error: {last.Message}")}{(context is null ? "" : $"\n{context()}")}");
    }

    public static Task UntilAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null, Func<string>? context = null) =>
        UntilAsync<object>(async () => await probe() ? true : null, what, timeout, context);

    public static Task UntilAsync(Func<bool> probe, string what, TimeSpan? timeout = null, Func<string>? context = null) =>
        UntilAsync(() => Task.FromResult(probe()), what, timeout, context);

    /// <summary>As <see cref="UntilAsync(Func{Task{bool}}, string, TimeSpan?, Func{string}?)"/>, timeout first.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => UntilAsync(condition, what, timeout);

    // xunit's (and FluentAssertions' under xunit) failures: this library does not reference the test framework.
    private static bool IsAssertionFailure(Exception e) => e.GetType().FullName?.StartsWith("Xunit.Sdk.", StringComparison.Ordinal) == true;
}
