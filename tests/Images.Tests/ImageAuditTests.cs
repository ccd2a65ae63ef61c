using Docker.DotNet.Models;
using Images.Build;

namespace Images.Tests;

/// <summary>The audit against real images: small bad ones built FROM the bootstrapped runtime image, and a good one.</summary>
[Collection(EngineCollection.Name)]
public sealed class ImageAuditTests(BaseImagesFixture fixture) : IAsyncLifetime
{
    private readonly TestCertificate _ca = new();
    private readonly TestCertificate _otherCa = new("Some Public Root");
    private readonly List<string> _images = [];

    private async Task<string> BuildAsync(string dockerfile, params ContextFile[] files)
    {
        var tag = $"creditrobot-audit-test:{Guid.NewGuid():N}";
        _images.Add(tag);
        var context = BuildContext.FromFiles([ContextFile.Text("Dockerfile", dockerfile), .. files]);
        await ImageBuild.RunAsync(fixture.Docker, context, new ImageBuildParameters
        {
            Tags = [tag],
            BuildArgs = new Dictionary<string, string> { ["BASE"] = fixture.Images.Runtime.Name },
            Labels = new Dictionary<string, string> { ["com.creditrobot.project"] = "creditrobot" },
        }, null);
        return tag;
    }

    private IReadOnlyList<string> Options => [_ca.Path];

    [Fact]
    public async Task A_planted_shell_package_manager_sdk_certificate_and_root_user_are_each_reported()
    {
        var image = await BuildAsync("""
            ARG BASE
            FROM ${BASE}
            COPY tool /bin/sh
            COPY tool /usr/bin/dpkg
            COPY tool /usr/share/dotnet/sdk/10.0.999/dotnet.dll
            COPY corp-ca.crt /etc/ssl/certs/corp.pem
            COPY bundle.crt /app/certs/bundle.crt
            USER root
            """,
            ContextFile.Text("tool", "not really a program", ContextFile.Executable),
            ContextFile.Text("corp-ca.crt", _ca.Pem),
            // A bundle: another certificate first, ours re-wrapped at 76 columns, as cat/update-ca-certificates might.
            ContextFile.Text("bundle.crt", _otherCa.Pem + _ca.Pem.Replace("\n", "\r\n")));

        var report = await ImageAudit.RunAsync(fixture.Docker, await fixture.Docker.Images.InspectImageAsync(image), Options);

        report.Passed.Should().BeFalse();
        report.Findings.Select(f => (f.Rule, f.Path)).Should().BeEquivalentTo(new (AuditRule, string?)[]
        {
            (AuditRule.RunsAsRoot, null),
            (AuditRule.ContainsShell, "/bin/sh"),
            (AuditRule.ContainsPackageManager, "/usr/bin/dpkg"),
            (AuditRule.ContainsDotnetSdk, "/usr/share/dotnet/sdk/10.0.999"),
            (AuditRule.ContainsBuildCertificate, "/etc/ssl/certs/corp.pem"),
            (AuditRule.ContainsBuildCertificate, "/app/certs/bundle.crt"),
        });
        var act = () => report.ThrowIfFailed();
        act.Should().Throw<ImagesException>().WithMessage("*6 findings*runs as root*USER 1654*contains a shell: /bin/sh*corp-ca.crt*");
    }

    [Fact]
    public async Task An_image_without_a_user_runs_as_root_even_with_nothing_else_wrong()
    {
        var image = await BuildAsync("""
            FROM scratch
            COPY app /app/app
            """, ContextFile.Text("app", "binary", ContextFile.Executable));

        var report = await ImageAudit.RunAsync(fixture.Docker, await fixture.Docker.Images.InspectImageAsync(image), Options);

        report.Findings.Should().ContainSingle().Which.Message.Should().Contain("runs as root (Config.User is empty)");
    }

    [Fact]
    public async Task A_clean_app_image_on_the_runtime_base_passes()
    {
        var image = await BuildAsync("""
            ARG BASE
            FROM ${BASE}
            COPY app /app/CreditRobot
            USER 1654
            ENTRYPOINT ["/app/CreditRobot"]
            """, ContextFile.Text("app", "binary", ContextFile.Executable));

        var report = await ImageAudit.RunAsync(fixture.Docker, await fixture.Docker.Images.InspectImageAsync(image), Options);

        report.Passed.Should().BeTrue(string.Join("; ", report.Findings));
        report.Summary.Should().StartWith("Audit passed");
        report.Layers.Should().Be((await fixture.Docker.Images.InspectImageAsync(image)).RootFS!.Layers!.Count);
    }

    [Fact]
    public async Task Enforce_remembers_a_pass_per_image_id_and_never_a_failure()
    {
        var cache = Directory.CreateTempSubdirectory("audit-cache-").FullName;
        try
        {
            var good = await BuildAsync("ARG BASE\nFROM ${BASE}\nCOPY app /app/app\n", ContextFile.Text("app", "x"));
            var bad = await BuildAsync("FROM scratch\nCOPY app /bin/sh\n", ContextFile.Text("app", "x"));
            var (goodImage, badImage) = (await fixture.Docker.Images.InspectImageAsync(good), await fixture.Docker.Images.InspectImageAsync(bad));

            (await ImageAudit.EnforceAsync(fixture.Docker, goodImage, Options, cache)).FromCache.Should().BeFalse();
            (await ImageAudit.EnforceAsync(fixture.Docker, goodImage, Options, cache)).Summary.Should().Contain("(unchanged image");
            var act = () => ImageAudit.EnforceAsync(fixture.Docker, badImage, Options, cache);
            await act.Should().ThrowAsync<ImagesException>().WithMessage("*runs as root*contains a shell: /bin/sh*");
            await act.Should().ThrowAsync<ImagesException>();

            Directory.GetFiles(cache).Should().ContainSingle();
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var image in _images)
        {
            try { await fixture.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }); }
            catch (Docker.DotNet.DockerImageNotFoundException) { }
        }
        _ca.Dispose();
        _otherCa.Dispose();
    }
}
