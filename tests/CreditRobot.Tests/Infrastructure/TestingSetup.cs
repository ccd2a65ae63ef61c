using Containers;
using System.Runtime.CompilerServices;

namespace CreditRobot.Tests.Infrastructure;

internal static class TestingSetup
{
    /// <summary>Engine compatibility and the crash sweep (tests/Testing), before any test touches Testcontainers.</summary>
    [ModuleInitializer]
    internal static void Run() => TestcontainersEngine.Configure();
}
