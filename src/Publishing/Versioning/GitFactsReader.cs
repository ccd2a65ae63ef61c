using System.Text.Json;
using TypedBuild;

namespace Publishing.Versioning;

/// <summary>
/// Reads <see cref="GitFacts"/> from a repository with the git CLI plus, on CI, GitHub Actions'
/// environment (a pull request checkout is a detached merge commit, so git alone cannot tell).
/// </summary>
public sealed class GitFactsReader(string repositoryRoot, IReadOnlyDictionary<string, string?>? environment = null)
{
    private readonly IReadOnlyDictionary<string, string?> _env = environment ?? ProcessEnvironment();

    public async Task<GitFacts> ReadAsync(CancellationToken cancellationToken = default)
    {
        // The questions are independent: asked at once, not one git process after the other (a no-op build waits for them).
        var shaTask = GitAsync(["rev-parse", "HEAD"], cancellationToken);
        var tagsTask = GitAsync(["tag", "--points-at", "HEAD"], cancellationToken);
        var countTask = GitAsync(["rev-list", "--count", "HEAD"], cancellationToken);
        // Nearest final release (pre-release tags like v1.2.0-rc.1 do not start a preview series).
        var nearestTask = TryGitAsync(["describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", "--exclude", "*-*", "HEAD"], cancellationToken);
        var branchTask = BranchAsync(cancellationToken);
        var defaultBranchTask = DefaultBranchAsync(cancellationToken);
        var commitTimeTask = GitAsync(["log", "-1", "--format=%cI", "HEAD"], cancellationToken);
        var sourceTask = SourceAsync(cancellationToken);
        var statusTask = GitAsync(["status", "--porcelain=v1", "-z", "--untracked-files=all"], cancellationToken);

        var sha = (await shaTask).Trim();
        var tagsOnHead = Lines(await tagsTask);
        var commitCount = int.Parse((await countTask).Trim());
        var nearest = (await nearestTask)?.Trim();
        var nearestRelease = nearest is not null && ReleaseTag.TryParse(nearest) is not null ? nearest : null;
        var since = nearestRelease is null ? 0
            : int.Parse((await GitAsync(["rev-list", "--count", $"{nearestRelease}..HEAD"], cancellationToken)).Trim());
        var (branch, isPullRequest) = await branchTask;
        var defaultBranch = await defaultBranchTask ?? "main";
        var commitTime = DateTimeOffset.Parse((await commitTimeTask).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var source = await sourceTask;
        var changed = ChangedPaths(await statusTask);
        return new GitFacts(sha, branch, defaultBranch, isPullRequest, tagsOnHead, nearestRelease, since, commitCount)
        {
            CommitTime = commitTime,
            SourceUrl = source,
            ChangedPaths = changed,
        };
    }

    /// <summary>
    /// The paths of <c>git status --porcelain=v1 -z</c>: "XY path\0", a rename or copy followed by its source path
    /// ("R  new\0old\0"), which is skipped (the new path names the change).
    /// </summary>
    internal static IReadOnlyList<string> ChangedPaths(string porcelain)
    {
        var paths = new List<string>();
        var fields = porcelain.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Length < 4)
                continue;
            paths.Add(fields[i][3..]);
            if (fields[i][0] is 'R' or 'C')
                i++;
        }
        return paths;
    }

    /// <summary>
    /// "git@github.com:o/r.git", "ssh://git@host/o/r", "https://user:token@host/o/r.git" → "https://host/o/r" (never a
    /// credential in a label); a local path or file:// URL → null.
    /// </summary>
    internal static string? SourceUrl(string? remote)
    {
        if (string.IsNullOrEmpty(remote))
            return null;
        var scp = System.Text.RegularExpressions.Regex.Match(remote, @"^(?:[^@/]+@)?([^:/]+\.[^:/]+):(?!//)(.+)$");
        if (scp.Success)
            remote = $"ssh://{scp.Groups[1].Value}/{scp.Groups[2].Value}";
        if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "ssh" or "git") || uri.Host.Length == 0)
            return null;
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(".git", StringComparison.Ordinal))
            path = path[..^4];
        return $"https://{uri.Host}{path}";
    }

    private bool OnGitHubActions => Env("GITHUB_ACTIONS") == "true" || Env("GITHUB_REF") is not null;

    private async Task<(string? Branch, bool IsPullRequest)> BranchAsync(CancellationToken cancellationToken)
    {
        if (OnGitHubActions)
        {
            var eventName = Env("GITHUB_EVENT_NAME");
            if (eventName is "pull_request" or "pull_request_target")
                return (Env("GITHUB_HEAD_REF"), true);
            var reference = Env("GITHUB_REF") ?? "";
            if (reference.StartsWith("refs/pull/", StringComparison.Ordinal)) return (null, true);
            if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
                return (Env("GITHUB_REF_NAME") ?? reference["refs/heads/".Length..], false);
            if (reference.StartsWith("refs/tags/", StringComparison.Ordinal)) return (null, false);
        }
        var current = (await TryGitAsync(["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken))?.Trim();
        return (string.IsNullOrEmpty(current) ? null : current, false);
    }

    private async Task<string?> DefaultBranchAsync(CancellationToken cancellationToken) =>
        DefaultBranchFromCi() ?? await DefaultBranchFromOriginAsync(cancellationToken);

    private async Task<string?> SourceAsync(CancellationToken cancellationToken) =>
        Env("GITHUB_SERVER_URL") is { } server && Env("GITHUB_REPOSITORY") is { } repository
            ? $"{server.TrimEnd('/')}/{repository}"
            : SourceUrl((await TryGitAsync(["remote", "get-url", "origin"], cancellationToken))?.Trim());

    // GitHub does not export the default branch as a variable, but the event payload carries it.
    private string? DefaultBranchFromCi()
    {
        var path = Env("GITHUB_EVENT_PATH");
        if (path is null || !File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("repository", out var repository)
                   && repository.TryGetProperty("default_branch", out var branch)
                   && branch.ValueKind == JsonValueKind.String ? branch.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    private async Task<string?> DefaultBranchFromOriginAsync(CancellationToken cancellationToken)
    {
        var head = (await TryGitAsync(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], cancellationToken))?.Trim();
        return string.IsNullOrEmpty(head) ? null : head.StartsWith("origin/", StringComparison.Ordinal) ? head["origin/".Length..] : head;
    }

    private string? Env(string name) => _env.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private async Task<string> GitAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunGitAsync(arguments, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException(
                $"'git {string.Join(' ', arguments)}' failed in '{repositoryRoot}' (exit {exitCode}): {error.Trim()}. " +
                "Publishing needs a git checkout with at least one commit (on CI: fetch-depth: 0 to see tags).");
        return output;
    }

    private async Task<string?> TryGitAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output, _) = await RunGitAsync(arguments, cancellationToken);
        return exitCode == 0 ? output : null;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunGitAsync(string[] arguments, CancellationToken cancellationToken)
    {
        if (ToolLocator.Find("git") is null)
            throw new InvalidOperationException("Could not start 'git': is it installed and on PATH?");
        var result = await ProcessRunner.Silent.RunAsync("git", arguments,
            new ToolOptions { WorkingDirectory = repositoryRoot, CheckExitCode = false }, cancellationToken);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    private static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Dictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
