namespace CreditRobot.Tests.Infrastructure;

/// <summary>Polls a condition until a deadline; the failure says what was awaited. No fixed sleeps.</summary>
internal static class Eventually
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
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"waited {timeout ?? DefaultTimeout} for {what}{(last is null ? "" : $"; last error: {last.Message}")}{(context is null ? "" : $"\n{context()}")}");
    }

    public static Task UntilAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null, Func<string>? context = null) =>
        UntilAsync<object>(async () => await probe() ? true : null, what, timeout, context);

    public static Task UntilAsync(Func<bool> probe, string what, TimeSpan? timeout = null, Func<string>? context = null) =>
        UntilAsync(() => Task.FromResult(probe()), what, timeout, context);
}
