using Containers;
using TypedBuild;

/// <summary>Soak: the image under mixed load with its database restarted and paused (tests/SmokeTests/Soak), on demand only.</summary>
internal sealed partial class Build
{
    [Parameter("Soak: minutes of mixed load after a 1-minute warm-up (the database is restarted at 35 % and paused at 60 % of it); 1 proves the machinery")]
    readonly int SoakMinutes = 10;

    /// <summary>The xunit category of tests/SmokeTests/Soak: run by Soak, filtered out of SmokeTest.</summary>
    const string SoakCategory = "Soak";

    Target Soak => _ => _
        .Description("Run the soak (tests/SmokeTests/Soak) against the image Image built: rows = 201s, no 5xx outside the fault windows, memory after within 10 % of before (after a warm-up; both idle)")
        .DependsOn(CompileSmokeTests, Image)
        .Requires(() => SoakMinutes >= 1 ? "ok" : null, "--soak-minutes of at least 1")
        .Executes(async ct =>
        {
            var image = await AppImageAsync(ct);
            // The test's own report (requests, 201s vs rows, status by window, memory curve, restarts, duration) is its output: show it.
            var result = await RunSmokeTestsAsync($"Category={SoakCategory}", new Dictionary<string, string?>
            {
                [ProjectNames.AppImageVariable] = image.ImageId,
                ["SOAK_MINUTES"] = SoakMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, ct, showTestOutput: true);
            Summary.Note($"{image.ShortId}, {SoakMinutes} min: {result.Total}");
            result.ThrowIfFailed();
        });
}
