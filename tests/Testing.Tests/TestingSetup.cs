using Containers;
using System.Runtime.CompilerServices;

namespace Testing.Tests;

internal static class TestingSetup
{
    /// <summary>Engine compatibility and the crash sweep, before any test touches Testcontainers.</summary>
    [ModuleInitializer]
    internal static void Run() => TestcontainersEngine.Configure();
}
