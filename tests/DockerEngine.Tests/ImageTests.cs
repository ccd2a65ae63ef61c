using System.Formats.Tar;

namespace DockerEngine.Tests;

[Collection(EngineCollection.Name)]
public sealed class ImageTests(EngineFixture engine)
{
    private DockerClient Docker => engine.Docker;

    [Fact]
    public async Task Inspect_shows_config_user_entrypoint_healthcheck_and_layers()
    {
        var tag = $"{engine.Repository}:configured";
        var context = BuildContext.FromFiles([ContextFile.Text("Dockerfile", $"""
            FROM {engine.BusyboxImage}
            USER 1654
            ENTRYPOINT ["/bin/sleep"]
            CMD ["60"]
            EXPOSE 8080
            HEALTHCHECK --interval=5s --timeout=2s --retries=4 CMD ["/bin/true"]
            """)]);

        var built = await Docker.Images.BuildAsync(context, new BuildImageRequest { Tags = [tag], Labels = TestResources.Labels });
        var image = await Docker.Images.InspectAsync(tag);

        image.Id.Should().Be(built.ImageId);
        image.RepoTags.Should().Contain(tag);
        image.Config.User.Should().Be("1654");
        image.Config.Entrypoint.Should().Equal("/bin/sleep");
        image.Config.Cmd.Should().Equal("60");
        image.Config.ExposedPorts.Should().ContainKey("8080/tcp");
        image.Config.Healthcheck!.Test.Should().Equal("CMD", "/bin/true");
        image.Config.Healthcheck.Interval.Should().Be(5_000_000_000);
        image.Config.Healthcheck.Retries.Should().Be(4);
        image.RootFS.Layers.Should().HaveCount(2, "busybox COPY and its --install RUN; metadata steps add no layers");
        image.Size.Should().BeGreaterThan(1_000_000);
        (await Docker.Images.ExistsAsync(tag)).Should().BeTrue();
    }

    [Fact]
    public async Task Tag_list_and_remove()
    {
        var tag = $"{engine.Repository}:tagged-{Guid.NewGuid().ToString("N")[..6]}";

        await Docker.Images.TagAsync(engine.BusyboxImage, tag);

        var listed = await Docker.Images.ListAsync(new ListImagesRequest { Reference = tag });
        var busybox = await Docker.Images.InspectAsync(engine.BusyboxImage);
        listed.Should().ContainSingle().Which.Id.Should().Be(busybox.Id, "a tag is a second name for the same image");
        (await Docker.Images.ListAsync(new ListImagesRequest { Labels = TestResources.SessionFilter }))
            .Should().Contain(i => i.RepoTags != null && i.RepoTags.Contains(tag), "the build labels carry over");

        var removed = await Docker.Images.RemoveAsync(tag);

        removed.Should().ContainSingle().Which.Untagged.Should().Be(tag, "another tag still holds the image, so only the name goes");
        (await Docker.Images.ExistsAsync(tag)).Should().BeFalse();
        (await Docker.Images.ExistsAsync(engine.BusyboxImage)).Should().BeTrue();
    }

    [Fact]
    public async Task Inspecting_a_missing_image_says_not_found()
    {
        var act = () => Docker.Images.InspectAsync($"{engine.Repository}:nope");

        var error = (await act.Should().ThrowAsync<DockerEngineException>()).Which;
        error.Kind.Should().Be(DockerErrorKind.NotFound);
        error.Message.Should().Contain($"image '{engine.Repository}:nope' not found");
    }

    [Fact]
    public async Task Export_streams_a_docker_save_tar()
    {
        await using var tar = await Docker.Images.ExportAsync(engine.BusyboxImage);
        using var reader = new TarReader(tar);
        var names = new List<string>();
        while (await reader.GetNextEntryAsync() is { } entry)
            names.Add(entry.Name);

        names.Should().Contain("manifest.json").And.Contain(n => n.EndsWith("/layer.tar"));
    }

    [Fact]
    public async Task Pull_from_an_unreachable_registry_fails_fast_and_clearly()
    {
        var started = DateTime.UtcNow;

        var act = () => Docker.Images.PullAsync("127.0.0.1:1/creditrobot/none:1", timeout: TimeSpan.FromSeconds(20));

        var error = (await act.Should().ThrowAsync<DockerEngineException>()).Which;
        error.Kind.Should().Be(DockerErrorKind.Registry);
        error.Message.Should().Contain("Pull image '127.0.0.1:1/creditrobot/none:1' failed").And.Contain("build the image locally");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(21));
    }

    [Fact]
    public async Task Push_failures_never_reveal_the_credentials()
    {
        var target = $"127.0.0.1:1/{engine.Repository}:push";
        await Docker.Images.TagAsync(engine.BusyboxImage, target);
        const string password = "s3cret-Pa55word";
        var auth = new RegistryAuth("127.0.0.1:1", "robot", password);
        var progress = new List<string>();
        try
        {
            var act = () => Docker.Images.PushAsync(target, auth, new InlineProgress<string>(progress.Add));

            var error = (await act.Should().ThrowAsync<DockerEngineException>()).Which;
            error.Kind.Should().Be(DockerErrorKind.Registry);
            error.Message.Should().Contain($"Push image '{target}' failed").And.NotContain(password);
            error.ToString().Should().NotContain(password);
            auth.ToString().Should().NotContain(password);
            progress.Should().NotContain(line => line.Contains(password));
        }
        finally
        {
            await Docker.Images.RemoveAsync(target);
        }
    }
}
