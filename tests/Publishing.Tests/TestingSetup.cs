using System.Runtime.CompilerServices;
using Containers;

namespace Publishing.Tests;

internal static class TestingSetup
{
    /// <summary>Engine compatibility and the crash sweep of earlier runs, before any test creates a container.</summary>
    [ModuleInitializer]
    internal static void Run() => TestcontainersEngine.Configure();
}
