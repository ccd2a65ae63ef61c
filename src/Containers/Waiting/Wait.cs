namespace Containers.Waiting;

/// <summary>Entry point for wait strategies, as in Testcontainers: <c>Wait.ForUnixContainer().UntilPortIsAvailable(5432)</c>.</summary>
public static class Wait
{
    public static WaitStrategy ForUnixContainer() => new();
}
