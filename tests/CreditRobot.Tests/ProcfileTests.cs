using System.Diagnostics;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>The Procfile is tested, not decorative: its web line runs the published app as a PaaS would.</summary>
public sealed class ProcfileTests
{
    [Fact]
    public async Task The_web_line_serves_healthz_on_the_PORT_the_platform_gives_it()
    {
        var web = File.ReadAllLines(RepoPaths.File("Procfile")).Single(l => l.StartsWith("web:", StringComparison.Ordinal))["web:".Length..].Trim();
        var publish = Directory.CreateTempSubdirectory("creditrobot-publish-").FullName;
        try
        {
            await ProcessRunner.RunAsync("dotnet", ["publish", RepoPaths.File("src/CreditRobot/CreditRobot.csproj"), "--no-build", "-c", AppProcess.Configuration, "-o", publish, "-nologo", "-v", "q"], TimeSpan.FromMinutes(3));
            File.Exists(Path.Combine(publish, "server.conf")).Should().BeTrue("the publish output carries server.conf next to the binary");
            var port = ProcessRunner.FreePort();

            // Like honcho/foreman: the line through sh -c, in the app directory, with PORT set.
            var start = new ProcessStartInfo("sh") { WorkingDirectory = publish, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(web);
            start.Environment["PORT"] = port.ToString();
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
                await Eventually.UntilAsync(async () =>
                {
                    if (process.HasExited) throw new Xunit.Sdk.XunitException($"'{web}' exited with {process.ExitCode}: {await stderr}");
                    return (await http.GetAsync("/healthz")).IsSuccessStatusCode;
                }, $"GET /healthz on PORT {port} from '{web}'");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            (await stderr).Should().Contain($"bind=0.0.0.0:{port} (server.conf:9, PORT)");
        }
        finally
        {
            Directory.Delete(publish, recursive: true);
        }
    }
}
