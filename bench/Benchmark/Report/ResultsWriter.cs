using System.Text.Json;
using System.Text.Json.Serialization;
using Benchmark.Results;

namespace Benchmark.Report;

/// <summary>Writes results.json, results.md and chart.svg into the output directory; returns their paths.</summary>
public static class ResultsWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A value that could not be measured is NaN: written as "NaN" rather than failing the whole file.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<IReadOnlyList<string>> WriteAsync(BenchmarkResults results, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Text)[]
        {
            ("results.json", Serialize(results)),
            ("results.md", MarkdownReport.Render(results)),
            ("chart.svg", SvgChart.Render(results)),
        };
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            await File.WriteAllTextAsync(path, text, ct);
            paths.Add(path);
        }

        return paths;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
