using System.Runtime.CompilerServices;

namespace SmokeTests;

internal static class TestingSetup
{
    /// <summary>Engine compatibility and the crash sweep (tests/Testing), before any test touches Testcontainers.</summary>
    [ModuleInitializer]
    internal static void Run() => Testing.TestEngine.Configure();
}
