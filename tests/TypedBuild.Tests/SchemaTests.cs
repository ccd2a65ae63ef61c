using System.Text.Json;
using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task The_schema_describes_every_parameter_type_and_the_targets()
    {
        var run = await BuildRun.RunAsync<ParameterBuild>(["--help"]);
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.Root, ".nuke", "build.schema.json")));

        var root = schema.RootElement;
        root.GetProperty("additionalProperties").GetBoolean().Should().BeFalse();
        var properties = root.GetProperty("properties");
        properties.GetProperty("Greeting").GetProperty("type").GetString().Should().Be("string");
        properties.GetProperty("DryRun").GetProperty("type").GetString().Should().Be("boolean");
        properties.GetProperty("Retries").GetProperty("type").GetString().Should().Be("integer");
        properties.GetProperty("Port").GetProperty("type").GetString().Should().Be("integer");
        properties.GetProperty("Flavor").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Should().Equal("Vanilla", "Chocolate");
        properties.GetProperty("Tags").GetProperty("items").GetProperty("type").GetString().Should().Be("string");
        properties.GetProperty("OutputDirectory").GetProperty("type").GetString().Should().Be("string");
        properties.GetProperty("RegistryPassword").GetProperty("description").GetString().Should().Contain("Secret");
        properties.GetProperty("Skip").GetProperty("items").GetProperty("$ref").GetString().Should().Be("#/definitions/Target");
        root.GetProperty("definitions").GetProperty("Target").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Should().Equal("Show");
    }

    [Fact]
    public async Task The_schema_is_rewritten_only_when_its_content_changes()
    {
        var first = await BuildRun.RunAsync<ParameterBuild>(["--help"]);
        var path = Path.Combine(first.Root, ".nuke", "build.schema.json");
        var stamp = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        await BuildRun.RunAsync<ParameterBuild>(["--help"], root: first.Root);
        File.GetLastWriteTimeUtc(path).Should().Be(stamp, "unchanged content must not be rewritten");

        await BuildRun.RunAsync<OrderBuild>(["--help"], root: first.Root);
        File.GetLastWriteTimeUtc(path).Should().NotBe(stamp);
        (await File.ReadAllTextAsync(path)).Should().Contain("\"Compile\"");
    }

    [Fact]
    public async Task Parameters_json_that_follows_the_schema_is_accepted()
    {
        const string json = """{ "$schema": "./build.schema.json", "Target": ["Show"], "Skip": [], "Verbosity": "quiet", "Port": 1 }""";
        var run = await BuildRun.RunAsync<ParameterBuild>([], parametersJson: json);

        run.ExitCode.Should().Be(0, run.Output);
        run.Build.Port.Should().Be(1);
        run.Output.Should().NotContain("───", "quiet verbosity prints no target headers");
    }
}
