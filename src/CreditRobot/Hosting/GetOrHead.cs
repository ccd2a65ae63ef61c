namespace CreditRobot.Hosting;

/// <summary>
/// Every page and API read answers HEAD as it answers GET (load balancers and uptime checkers send HEAD);
/// Kestrel sends the headers and drops the body. Minimal APIs' MapGet alone answers HEAD with 405.
/// </summary>
public static class GetOrHead
{
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];
}
