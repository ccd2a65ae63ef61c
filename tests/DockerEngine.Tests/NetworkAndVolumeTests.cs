namespace DockerEngine.Tests;

// In the engine collection so the fixture's end-of-run sweep never races these tests' own removals.
[Collection(EngineCollection.Name)]
public sealed class NetworkAndVolumeTests
{
    [Fact]
    public async Task A_network_is_created_listed_by_label_and_removed()
    {
        using var docker = new DockerClient();
        var name = TestResources.Name("net");

        var id = await docker.Networks.CreateAsync(new CreateNetworkRequest { Name = name, Labels = TestResources.Labels });
        try
        {
            var listed = await docker.Networks.ListAsync(TestResources.SessionFilter);
            listed.Should().Contain(n => n.Id == id && n.Name == name);
            (await docker.Networks.InspectAsync(name)).Labels.Should().Contain(TestResources.ProjectLabel, "creditrobot");
        }
        finally
        {
            await docker.Networks.RemoveAsync(id);
        }

        var gone = () => docker.Networks.InspectAsync(id);
        (await gone.Should().ThrowAsync<DockerEngineException>()).Which.Kind.Should().Be(DockerErrorKind.NotFound);
    }

    [Fact]
    public async Task A_volume_is_created_listed_by_label_and_removed()
    {
        using var docker = new DockerClient();
        var name = TestResources.Name("vol");

        var volume = await docker.Volumes.CreateAsync(new CreateVolumeRequest { Name = name, Labels = TestResources.Labels });
        try
        {
            volume.Name.Should().Be(name);
            (await docker.Volumes.ListAsync(TestResources.SessionFilter)).Select(v => v.Name).Should().Contain(name);
        }
        finally
        {
            await docker.Volumes.RemoveAsync(name);
        }

        (await docker.Volumes.ListAsync(TestResources.SessionFilter)).Select(v => v.Name).Should().NotContain(name);
    }

    [Fact]
    public async Task A_missing_container_is_reported_as_not_found()
    {
        using var docker = new DockerClient();

        var act = () => docker.Containers.InspectAsync("cr-does-not-exist-" + TestResources.RunId);

        var error = (await act.Should().ThrowAsync<DockerEngineException>()).Which;
        error.Kind.Should().Be(DockerErrorKind.NotFound);
        error.StatusCode.Should().Be(404);
        error.Message.Should().Contain("container 'cr-does-not-exist-").And.Contain("not found");
    }

    [Fact]
    public async Task Creating_a_container_from_a_missing_image_says_image_not_found()
    {
        using var docker = new DockerClient();
        var image = $"cr-no-such-image-{TestResources.RunId}:1";

        var act = () => docker.Containers.CreateAsync(new CreateContainerRequest { Image = image, Labels = TestResources.Labels });

        var error = (await act.Should().ThrowAsync<DockerEngineException>()).Which;
        error.Kind.Should().Be(DockerErrorKind.NotFound);
        error.Message.Should().Contain($"image '{image}' not found").And.Contain("Build it locally or pull it first");
    }
}
