using TypedBuild;
using Containers;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>
/// The Procfile is tested, not decorative. Heroku's .NET buildpack publishes a project into
/// <c>&lt;project dir&gt;/bin/publish</c> and runs process types from the application root (its own default is
/// <c>cd &lt;project&gt;/bin/publish; ./&lt;App&gt;</c> through a shell). So the test lays out a slug that way, runs
/// the exact web line through <c>sh -c</c> from the root, and sends SIGTERM to that shell's process, as the
/// platform does: thanks to <c>exec</c> the app itself receives it and drains the request in flight.
/// </summary>
public sealed partial class ProcfileTests
{
    [Fact]
    public async Task The_web_line_runs_from_the_root_on_PORT_and_the_app_itself_drains_on_SIGTERM()
    {
        var web = File.ReadAllLines(RepositoryRoot.File("Procfile")).Single(l => l.StartsWith("web:", StringComparison.Ordinal))["web:".Length..].Trim();
        var root = Directory.CreateTempSubdirectory("creditrobot-slug-").FullName;
        try
        {
            // The buildpack publishes with -r linux-x64 (trimmed, slow here); the layout and the line are what is tested.
            var publish = Path.Combine(root, "src", "CreditRobot", "bin", "publish");
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await ProcessRunner.Silent.RunAsync("dotnet", ["publish", RepositoryRoot.File("src/CreditRobot/CreditRobot.csproj"), "--no-build", "-c", AppProcess.Configuration, "-o", publish, "-nologo", "-v", "q"], cancellationToken: deadline.Token);
            var port = FreePort.Next();

            var start = new ProcessStartInfo("sh") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(web);
            start.Environment["PORT"] = port.ToString();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
                await Eventually.UntilAsync(async () =>
                {
                    if (process.HasExited) throw new Xunit.Sdk.XunitException($"'{web}' exited with {process.ExitCode}: {await stderr}");
                    return (await http.GetAsync("/healthz")).IsSuccessStatusCode;
                }, $"GET /healthz on PORT {port} from '{web}' run in the slug root");

                // A request in flight: headers and half the body now, the rest after SIGTERM.
                const string body = """{"applicantName":"","amount":1000,"income":3000,"term":12}""";
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
                var stream = tcp.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /api/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body[..10]}"));
                await Eventually.UntilAsync(() => Task.FromResult(ProcessCommand(process.Id).Contains("CreditRobot")), "the shell to exec into the app (same process id)");

                Kill(process.Id, 15); // the platform signals the process it started: sh, which exec made the app

                await stream.WriteAsync(Encoding.ASCII.GetBytes(body[10..]));
                var response = new byte[12];
                await stream.ReadExactlyAsync(response).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                Encoding.ASCII.GetString(response).Should().Be("HTTP/1.1 400", "the request in flight is answered after SIGTERM (an invalid application: no database needed)");
                using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await process.WaitForExitAsync(exit.Token);
                process.ExitCode.Should().Be(0, "SIGTERM is a graceful stop of the app itself, not a killed shell");
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            // The published server.conf is the repository's: its bind line, with the port the platform gave.
            var bindLine = Array.FindIndex(File.ReadAllLines(RepositoryRoot.File("server.conf")), l => l.StartsWith("bind", StringComparison.Ordinal)) + 1;
            (await stderr).Should().Contain($"bind=0.0.0.0:{port} (server.conf:{bindLine}, PORT)");
            (await stdout).Should().Contain("\"POST /api/applications HTTP/1.1\" 400 ");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string ProcessCommand(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
