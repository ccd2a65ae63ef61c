using Images;
using TypedBuild;

/// <summary>Fuzz: afl++ on each hand-written parser (fuzz/), crashes kept as regression inputs tests/Fuzz.Tests replays.</summary>
internal sealed partial class Build
{
    [Parameter("Fuzz: seconds afl-fuzz spends on each parser (the closing numbers in docs/hostile.md are 600 s runs)")]
    readonly int FuzzSeconds = 60;

    [Parameter("Fuzz: parsers to fuzz, by their folder in fuzz/corpus (default: every one)")]
    readonly string[] FuzzParsers = [];

    AbsolutePath FuzzDirectory => RootDirectory / "fuzz";

    /// <summary>The assemblies whose code afl-fuzz sees (SharpFuzz instruments them in the published copy).</summary>
    static readonly string[] FuzzedAssemblies = ["ServerConfig.dll", "CreditRobot.dll", "Images.dll", "TypedBuild.dll"];

    Target Fuzz => _ => _
        .Description("afl-fuzz each hand-written parser for --fuzz-seconds (installs afl++); crashes go to fuzz/regressions, which tests/Fuzz.Tests replays")
        .Requires(() => FuzzSeconds > 0 ? "ok" : null, "--fuzz-seconds of at least 1")
        .Executes(async ct =>
        {
            var parsers = FuzzParsers.Length > 0 ? FuzzParsers : [.. (FuzzDirectory / "corpus").GlobDirectories("*").Select(d => d.Name).Order()];
            if (parsers.FirstOrDefault(p => !(FuzzDirectory / "corpus" / p).DirectoryExists()) is { } unknown)
                throw new UsageException($"--fuzz-parsers: no seed corpus fuzz/corpus/{unknown} (expected one of " +
                                         $"{string.Join(", ", (FuzzDirectory / "corpus").GlobDirectories("*").Select(d => d.Name).Order())})");
            var aflFuzz = await ThisHost.EnsureAsync(HostTool.AflFuzz, new Progress<string>(Log.Info), ct);
            Summary.Note(InstalledHostTools().TrimStart(';', ' '));

            // A fresh publish each run: SharpFuzz rewrites the assemblies in place and refuses to instrument twice.
            var work = RootDirectory / ".nuke" / "temp" / "fuzz";
            work.DeleteDirectory();
            var harness = work / "bin";
            await DotNet(["publish", FuzzDirectory / "Fuzz.csproj", "--configuration", "Release", "--output", harness], ct);
            await DotNet(["tool", "restore"], ct);
            foreach (var assembly in FuzzedAssemblies)
                await DotNet(["tool", "run", "sharpfuzz", harness / assembly], ct);

            var runs = new List<AflFuzzRun>();
            foreach (var parser in parsers)
            {
                var findings = work / "findings" / parser;
                (work / "findings").CreateDirectory();
                Log.Info($"Fuzz {parser}: {FuzzSeconds} s");
                var started = DateTime.UtcNow;
                await ToolFromPath(aflFuzz)(AflFuzzRun.Arguments(DotNetPath, harness / "Fuzz.dll", parser, FuzzDirectory / "corpus" / parser, findings, FuzzSeconds),
                    ct, new ToolOptions { Environment = AflFuzzRun.Environment, LogOutput = Log.Verbosity >= Verbosity.Verbose, Prefix = $"afl {parser}" });
                var run = AflFuzzRun.Collect(parser, findings, FuzzDirectory / "regressions" / parser);
                runs.Add(run);
                Summary.AddRow($"fuzz {parser}", run.Crashes == 0 ? TargetStatus.Succeeded : TargetStatus.Failed, DateTime.UtcNow - started, run.Note);
            }

            Summary.Note($"{runs.Sum(r => r.Executions):N0} executions, {runs.Sum(r => r.Crashes)} crashes in {runs.Count} parsers, {FuzzSeconds} s each");
            var saved = runs.SelectMany(r => r.NewRegressions).ToList();
            if (runs.Any(r => r.Crashes > 0))
                throw new BuildException($"afl-fuzz found crashes in {string.Join(", ", runs.Where(r => r.Crashes > 0).Select(r => r.Parser))}" +
                    (saved.Count == 0 ? " (inputs already in fuzz/regressions)" : $"; new inputs: {string.Join(", ", saved.Select(s => AbsolutePath.Create(s).RelativeTo(RootDirectory)))}") +
                    $". tests/Fuzz.Tests replays them; `dotnet {harness / "Fuzz.dll"} <parser> <file>` shows the exception.");
        });

    /// <summary>afl-fuzz execs its target by path.</summary>
    string DotNetPath => ToolLocator.Find(EnvironmentVariable("DOTNET_EXE") ?? "dotnet") ?? throw new BuildException("dotnet is not on PATH");
}
