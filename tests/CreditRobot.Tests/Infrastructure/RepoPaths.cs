namespace CreditRobot.Tests.Infrastructure;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "CreditRobot.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no CreditRobot.slnx above {AppContext.BaseDirectory}");
    }
}
