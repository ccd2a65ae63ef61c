using System.Security.Cryptography;
using TypedBuild;

/// <summary>
/// One afl-fuzz campaign on one parser of fuzz/ (SharpFuzz's out-of-process harness under afl++): its findings
/// directory, what afl-fuzz counted (fuzzer_stats) and the crashing inputs, copied into fuzz/regressions/&lt;parser&gt;.
/// </summary>
internal sealed record AflFuzzRun(string Parser, long Executions, int Crashes, int Hangs, int Corpus, IReadOnlyList<string> NewRegressions)
{
    /// <summary>afl++ runs a program it did not compile (dotnet) and shares the machine: no binary check, no CPU
    /// pinning or governor check, no UI; the .NET start-up gets a minute before the fork server must answer.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Environment = new Dictionary<string, string?>
    {
        ["AFL_SKIP_BIN_CHECK"] = "1",
        ["AFL_NO_UI"] = "1",
        ["AFL_NO_COLOR"] = "1",
        ["AFL_NO_AFFINITY"] = "1",
        ["AFL_SKIP_CPUFREQ"] = "1",
        ["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1",
        ["AFL_FORKSRV_INIT_TMOUT"] = "60000",
    };

    /// <summary>afl-fuzz's arguments: seeds, findings, a time budget, 10 s per input (a loaded machine), no memory cap
    /// (the .NET runtime reserves far more address space than afl's default 50 MB).</summary>
    public static string[] Arguments(string dotnet, string harness, string parser, AbsolutePath seeds, AbsolutePath findings, int seconds) =>
        ["-i", seeds, "-o", findings, "-V", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "-t", "10000", "-m", "none", "--", dotnet, harness, parser];

    /// <summary>Reads what afl-fuzz wrote and copies each crashing input to <paramref name="regressions"/>, named by its
    /// content (a crash found again is not copied twice).</summary>
    public static AflFuzzRun Collect(string parser, AbsolutePath findings, AbsolutePath regressions)
    {
        var instance = findings / "default";
        var stats = ReadStats(instance / "fuzzer_stats");
        long Stat(params string[] names) => names.Select(n => stats.GetValueOrDefault(n)).FirstOrDefault(v => v is not null) is { } v
            && long.TryParse(v, out var n) ? n : 0;

        var copied = new List<string>();
        foreach (var crash in CrashFiles(instance / "crashes"))
        {
            var bytes = File.ReadAllBytes(crash);
            var target = regressions / Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            if (target.FileExists()) continue;
            regressions.CreateDirectory();
            File.WriteAllBytes(target, bytes);
            copied.Add(target);
        }
        return new AflFuzzRun(parser, Stat("execs_done"), (int)Stat("saved_crashes", "unique_crashes"),
            (int)Stat("saved_hangs", "unique_hangs"), (int)Stat("corpus_count", "paths_total"), copied);
    }

    public string Note => $"{Executions:N0} executions, {Crashes} crashes, {Hangs} hangs, corpus {Corpus}";

    private static IEnumerable<string> CrashFiles(AbsolutePath directory) =>
        directory.DirectoryExists() ? Directory.EnumerateFiles(directory, "id:*").Order(StringComparer.Ordinal) : [];

    // "execs_done        : 12345" per line.
    private static Dictionary<string, string> ReadStats(AbsolutePath file) =>
        !file.FileExists() ? [] : File.ReadLines(file)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
}
