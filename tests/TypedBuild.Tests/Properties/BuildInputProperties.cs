using System.Text.Json;
using CsCheck;
using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests.Properties;

/// <summary>
/// Issue 23: whatever .nuke/parameters.json and the command line say, the build either runs (0) or refuses with a
/// usage error (2) naming the problem, never a crash; and its errors never show the registry password.
/// </summary>
public sealed class BuildInputProperties
{
    private static readonly Gen<string> Key = Gen.OneOf("Greeting", "DryRun", "Retries", "Flavor", "Tags", "OutputDirectory", "Port",
        "RegistryPassword", "Target", "Skip", "Verbosity", "$schema", "retries", "Unknown");

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.String[0, 10].Select(s => JsonSerializer.Serialize(s)),
        Gen.OneOf("null", "true", "false", "0", "-1", "2147483648", "1.5", "1e400", "[]", "[\"a\", 1]", "[[]]", "{}", "\"Chocolate\"", "\"Show\"",
            "\"\"", "\"quiet\"", "\"/\"", "\"\\u0000\""));

    private static readonly Gen<string> ParametersJson = Gen.OneOf(
        Gen.Select(Key, Value).Array[0, 5].Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\": {p.Item2}")) + "}"),
        Gen.String[0, 30],
        Gen.OneOf("", "[]", "null", "{", "{\"Retries\": 1,}", "// c\n{}", "\uFEFF{}"));

    private static readonly Gen<string> Argument = Gen.OneOf(Gen.String[0, 8],
        Gen.OneOf("Show", "--retries", "--retries=", "--flavor", "chocolate", "--tags", "--skip", "--target", "--plan", "--verbosity", "-v",
            "--registry-password", "--port", "-1", "--", "--dry-run", "--output-directory", ""));

    /// <summary>Long and of characters no message of the engine uses, so a match is a leak, not a coincidence.</summary>
    private static readonly Gen<string> Password = Gen.Char["QXZJKWVqxzjkwv0123456789"].Array[12, 20].Select(chars => new string(chars));

    /// <summary>The property's counterexample (seed 32l6lU7Ud241): a path with a NUL character was exit 1, "Null character in path".</summary>
    [Fact]
    public async Task A_path_parameter_with_a_NUL_character_is_a_usage_error()
    {
        var run = await BuildRun.RunAsync<ParameterBuild>(["Show"], parametersJson: "{\"OutputDirectory\": \"\\u0000\"}");

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("OutputDirectory").And.Contain("NUL character");
    }

    [Fact]
    public void Any_parameters_json_and_arguments_run_or_give_a_usage_error()
    {
        Gen.Select(ParametersJson, Argument.Array[0, 5]).Sample((json, args) =>
        {
            var run = BuildRun.RunAsync<ParameterBuild>(["Show", .. args], parametersJson: json).GetAwaiter().GetResult();

            run.ExitCode.Should().BeOneOf([0, 2], run.Output);
            run.Lines.Should().NotContain(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal), "a user's mistake shows no stack trace");
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void The_registry_password_never_appears_in_the_output()
    {
        Gen.Select(Password, ParametersJson, Argument.Array[0, 4], Gen.Int[0, 2]).Sample((password, json, args, where) =>
        {
            string[] arguments = where == 0 ? ["Show", "--registry-password", password, .. args] : ["Show", .. args];
            var environment = where == 1 ? new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = password } : null;
            var parameters = where == 2 ? json.TrimEnd().EndsWith('}') && json.TrimStart().StartsWith('{') && json.Trim().Length > 2
                ? json.Trim()[..^1] + $", \"RegistryPassword\": \"{password}\"}}" : $"{{\"RegistryPassword\": \"{password}\", \"Retries\": {json.Length}}}" : json;

            var run = BuildRun.RunAsync<ParameterBuild>(arguments, environment, parameters).GetAwaiter().GetResult();

            run.Output.Should().NotContain(password);
        }, iter: 60, threads: 1);
    }
}
