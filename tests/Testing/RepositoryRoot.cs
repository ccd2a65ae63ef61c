namespace Testing;

/// <summary>The checkout the tests run from: the folder holding CreditRobot.slnx above the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the checkout, e.g. <c>File("src/CreditRobot/CreditRobot.csproj")</c>.</summary>
    public static string File(string relative) => System.IO.Path.Combine(Path, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "CreditRobot.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"No CreditRobot.slnx above {AppContext.BaseDirectory}.");
    }
}
