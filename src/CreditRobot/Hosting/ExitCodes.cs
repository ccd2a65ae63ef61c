namespace CreditRobot.Hosting;

/// <summary>The project's exit code convention.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Runtime failure: port in use, unhealthy health check, crash.</summary>
    public const int Failure = 1;

    /// <summary>Bad settings or usage: refused before listening.</summary>
    public const int BadConfiguration = 2;
}
