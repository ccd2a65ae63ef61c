namespace Deployment.Tests;

/// <summary>The checkout the tests run from: the folder holding CreditRobot.slnx above the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CreditRobot.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No CreditRobot.slnx above {AppContext.BaseDirectory}.");
    }
}
