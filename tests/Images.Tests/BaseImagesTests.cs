using System.Diagnostics;
using DockerEngine;

namespace Images.Tests;

[Collection(EngineCollection.Name)]
public sealed class BaseImagesTests(BaseImagesFixture fixture)
{
    [Fact]
    public async Task A_second_run_with_the_same_inputs_does_nothing_and_says_so()
    {
        var (console, output) = TestRepository.RecordingConsole();
        var clock = Stopwatch.StartNew();

        var again = await BaseImages.EnsureAsync(fixture.Docker, BaseImagesFixture.Options, console);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "only inspects and failing pulls happen: {0}", output);
        again.All.Should().OnlyContain(i => i.Source == BaseImageSource.Present || i.Source == BaseImageSource.UpToDate);
        again.All.Select(i => i.Id).Should().Equal(fixture.Images.All.Select(i => i.Id));
        output.ToString().Should().NotContain("Step 1/");
        if (again.Sdk.Source == BaseImageSource.UpToDate)
            output.ToString().Should().Contain("up to date");
    }

    [Fact]
    public async Task The_runtime_deps_image_runs_as_app_1654_and_has_no_shell()
    {
        var runtime = await fixture.Docker.Images.InspectAsync(fixture.Images.Runtime.Name);
        runtime.Config.User.Should().BeOneOf("1654", "app", "$APP_UID");

        var report = await ImageAudit.RunAsync(fixture.Docker, fixture.Images.Runtime.Name);

        report.Findings.Should().BeEmpty();
        report.Files.Should().BeGreaterThan(50, "libc, libssl, CA certificates and tzdata are in it");
    }

    [Fact]
    public async Task Bootstrapped_images_carry_the_project_and_inputs_labels()
    {
        foreach (var image in fixture.Images.All.Where(i => i.Source is BaseImageSource.UpToDate or BaseImageSource.Bootstrapped))
        {
            var labels = (await fixture.Docker.Images.InspectAsync(image.Name)).Config.Labels;
            labels.Should().ContainKey(InputsHash.Label);
            labels.Should().Contain("com.creditrobot.project", "creditrobot");
        }
    }

    [Fact]
    public async Task The_sdk_image_trusts_the_hosts_extra_ca_certificates_and_the_runtime_image_does_not()
    {
        var extra = AuditOptions.ForHost();
        if (extra.BuildCertificates.Count == 0)
            return; // this host has no extra CAs: nothing to trust or to leak
        var sdk = await ImageAudit.RunAsync(fixture.Docker, fixture.Images.Sdk.Name, extra);
        sdk.Findings.Should().Contain(f => f.Rule == AuditRule.ContainsBuildCertificate && f.Path == "/etc/ssl/certs/ca-certificates.crt");
        sdk.Findings.Should().Contain(f => f.Rule == AuditRule.ContainsDotnetSdk);

        var runtime = await ImageAudit.RunAsync(fixture.Docker, fixture.Images.Runtime.Name, extra);
        runtime.Findings.Should().NotContain(f => f.Rule == AuditRule.ContainsBuildCertificate);
    }
}
