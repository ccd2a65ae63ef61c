using Docker.DotNet.Models;

namespace Images.Tests;

/// <summary>The repository's Dockerfile built through the client on the bootstrapped bases, then audited.</summary>
[Collection(EngineCollection.Name)]
public sealed class AppImageTests(BaseImagesFixture fixture) : IAsyncLifetime
{
    // A snapshot of what the .dockerignore lets through: other work in the checkout cannot change it mid-test.
    private readonly string _context = TestRepository.SnapshotContext();

    private const string Repository = "creditrobot-images-test";
    private const long BudgetBytes = 40_000_000;
    private AppImageOptions Options => new()
    {
        ContextDirectory = _context,
        Repository = Repository,
        Version = "0.0.0-test",
        SdkImage = fixture.Images.Sdk.Name,
        RuntimeImage = fixture.Images.Runtime.Name,
        Revision = "0123456789abcdef0123456789abcdef01234567",
        Source = "https://example.invalid/creditrobot",
        Created = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task The_real_image_is_tagged_labelled_under_budget_and_passes_the_audit()
    {
        var (progress, output) = TestRepository.RecordingProgress();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));

        var built = await AppImage.BuildAsync(fixture.Docker, Options, progress, cts.Token);

        built.SizeBytes.Should().BeLessThanOrEqualTo(BudgetBytes, "the image budget is 40 MB uncompressed");
        output.ToString().Should().Contain("Step 1/").And.Contain("[Started] Building creditrobot-images-test:0.0.0-test");
        var image = built.Image;
        image.RepoTags.Should().Contain([$"{Repository}:0.0.0-test", $"{Repository}:latest"]);
        image.Config!.User.Should().Be("1654");
        image.Config.Entrypoint.Should().Equal("/app/CreditRobot", "--config", "/app/server.conf");
        image.Config.Labels.Should().Contain("org.opencontainers.image.version", "0.0.0-test")
            .And.Contain("org.opencontainers.image.revision", Options.Revision!)
            .And.Contain("org.opencontainers.image.created", "2026-11-21T00:00:00Z")
            .And.Contain("org.opencontainers.image.source", "https://example.invalid/creditrobot")
            .And.Contain("com.creditrobot.project", "creditrobot");
        // Its own labels only: nothing of the bootstrapped runtime base it starts FROM (whose inputs hash it overrides).
        image.Config.Labels.Should().Contain("org.opencontainers.image.title", "CreditRobot")
            .And.Contain(InputsHash.Label, AppImage.Inputs(Options))
            .And.NotContainKey(BaseImages.RoleLabel);
        AppImage.Mismatch(image, Options).Should().BeNull("--skip Image would use this image for this context");
        image.Config!.Labels!["org.opencontainers.image.description"].Should().NotContain("Bootstrapped");

        var report = await ImageAudit.RunAsync(fixture.Docker, image, ImageAudit.HostCertificates(), cts.Token);
        report.Findings.Should().BeEmpty();

        // The same inputs again: every step from the cache, the same image id.
        var again = await AppImage.BuildAsync(fixture.Docker, Options, progress, cts.Token);
        again.ImageId.Should().Be(built.ImageId, "nothing changed; build output:\n{0}", output);
        again.CachedSteps.Should().BeGreaterThan(again.Steps / 2);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Directory.Delete(_context, recursive: true);
        foreach (var tag in new[] { $"{Repository}:0.0.0-test", $"{Repository}:latest" })
        {
            try { await fixture.Docker.Images.DeleteImageAsync(tag, new ImageDeleteParameters { NoPrune = true }); }
            catch (Docker.DotNet.DockerImageNotFoundException) { }
        }
    }
}
