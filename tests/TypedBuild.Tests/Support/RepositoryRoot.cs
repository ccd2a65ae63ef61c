namespace TypedBuild.Tests.Support;

/// <summary>This repository's root (global.json and .github/ above the test binaries), for tests of its own files.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "global.json")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, ".github")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No repository root (global.json and .github/) above {AppContext.BaseDirectory}.");
    }
}
