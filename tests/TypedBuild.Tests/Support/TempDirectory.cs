namespace TypedBuild.Tests.Support;

/// <summary>Fresh directories under one per-run folder, deleted when the test process exits.</summary>
internal static class TempDirectory
{
    private static readonly string RunRoot = CreateRunRoot();

    public static string Create()
    {
        var path = Path.Combine(RunRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string CreateRunRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "typedbuild-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a file still open at exit stays behind in the temp folder.
            }
        };
        return root;
    }
}
