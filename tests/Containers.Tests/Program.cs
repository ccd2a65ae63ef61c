using Containers.Tests.Cleanup;

namespace Containers.Tests;

/// <summary>
/// Entry point of the test assembly when run as a program (the test runner never calls it): the child
/// processes of the crash test.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args) => args switch
    {
        [ReaperChild.Command, ..] => await ReaperChild.RunAsync(),
        [ReaperChild.NextRunCommand, ..] => await ReaperChild.NextRunAsync(),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine($"Run the tests with `dotnet test`; `{ReaperChild.Command}` and `{ReaperChild.NextRunCommand}` are for the crash test only.");
        return 2;
    }
}
