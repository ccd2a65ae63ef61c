using System.Diagnostics;

namespace Images.Tests;

[Collection(EngineCollection.Name)]
public sealed class BaseImagesTests(BaseImagesFixture fixture)
{
    [Fact]
    public async Task A_second_run_with_the_same_inputs_does_nothing_and_says_so()
    {
        var (progress, output) = TestRepository.RecordingProgress();
        var clock = Stopwatch.StartNew();

        var again = await BaseImages.EnsureAsync(fixture.Docker, BaseImagesFixture.Options, progress);

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
        var runtime = await fixture.Docker.Images.InspectImageAsync(fixture.Images.Runtime.Name);
        runtime.Config!.User.Should().BeOneOf("1654", "app", "$APP_UID");

        var report = await ImageAudit.RunAsync(fixture.Docker, runtime);

        report.Findings.Should().BeEmpty();
        report.Files.Should().BeGreaterThan(50, "libc, libssl, CA certificates and tzdata are in it");
    }

    [Fact]
    public async Task Bootstrapped_images_carry_the_project_label_and_their_inputs_hash_where_nothing_inherits_it()
    {
        foreach (var image in fixture.Images.All.Where(i => i.Source is BaseImageSource.UpToDate or BaseImageSource.Bootstrapped))
        {
            var inspect = await fixture.Docker.Images.InspectImageAsync(image.Name);
            inspect.Config!.Labels.Should().Contain("com.creditrobot.project", "creditrobot");
            if (image.Role == "runtime-deps")
            {
                // The app's final stage starts FROM it and would inherit every label: only the project label, the hash is a tag.
                inspect.Config.Labels.Should().ContainSingle();
                inspect.RepoTags.Should().Contain(t => t.Contains(":inputs-"));
            }
            else
                inspect.Config.Labels.Should().ContainKey(InputsHash.Label);
        }
    }

    [Fact]
    public async Task The_sdk_image_trusts_the_hosts_extra_ca_certificates_and_the_runtime_image_does_not()
    {
        var extra = ImageAudit.HostCertificates();
        if (extra.Count == 0)
            return; // this host has no extra CAs: nothing to trust or to leak
        var sdk = await ImageAudit.RunAsync(fixture.Docker, await fixture.Docker.Images.InspectImageAsync(fixture.Images.Sdk.Name), extra);
        sdk.Findings.Should().Contain(f => f.Rule == AuditRule.ContainsBuildCertificate && f.Path == "/etc/ssl/certs/ca-certificates.crt");
        sdk.Findings.Should().Contain(f => f.Rule == AuditRule.ContainsDotnetSdk);

        var runtime = await ImageAudit.RunAsync(fixture.Docker, await fixture.Docker.Images.InspectImageAsync(fixture.Images.Runtime.Name), extra);
        runtime.Findings.Should().NotContain(f => f.Rule == AuditRule.ContainsBuildCertificate);
    }
}
