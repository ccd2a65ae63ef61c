namespace DockerEngine.Tests;

/// <summary>
/// One client and one runnable image for the tests that need the engine. No image can be pulled here, so the
/// image is built FROM scratch around the host's static busybox. Disposing removes everything labelled with
/// this run's session label, plus the image tags this run created.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private const string BusyboxPath = "/bin/busybox";

    public DockerClient Docker { get; } = new();

    /// <summary>Unique per run so cleanup cannot touch anyone else's images.</summary>
    public string Repository { get; } = $"cr-dockerengine-test-{TestResources.RunId}";

    /// <summary>A scratch image with busybox installed as /bin/sh, ls, find, httpd, sleep, …</summary>
    public string BusyboxImage => $"{Repository}:busybox";

    public async Task InitializeAsync()
    {
        if (!File.Exists(BusyboxPath))
            throw new InvalidOperationException($"{BusyboxPath} is missing: install it with `apt-get install -y busybox-static`.");
        // A FROM scratch image has no dynamic loader; Debian's plain 'busybox' package would fail there obscurely.
        if (System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(BusyboxPath)).Contains("/lib64/ld-linux", StringComparison.Ordinal))
            throw new InvalidOperationException($"{BusyboxPath} is dynamically linked: install `busybox-static` instead of `busybox`.");
        var context = BuildContext.FromFiles([
            ContextFile.Text("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                """),
            ContextFile.FromDisk("busybox", BusyboxPath),
        ]);
        await Docker.Images.BuildAsync(context, new BuildImageRequest { Tags = [BusyboxImage], Labels = TestResources.Labels });
    }

    public async Task DisposeAsync()
    {
        foreach (var container in await Docker.Containers.ListAsync(new ListContainersRequest { Labels = TestResources.SessionFilter }))
            await QuietlyAsync(() => Docker.Containers.RemoveAsync(container.Id, force: true));
        foreach (var network in await Docker.Networks.ListAsync(TestResources.SessionFilter))
            await QuietlyAsync(() => Docker.Networks.RemoveAsync(network.Id));
        foreach (var volume in await Docker.Volumes.ListAsync(TestResources.SessionFilter))
            await QuietlyAsync(() => Docker.Volumes.RemoveAsync(volume.Name, force: true));
        foreach (var image in await Docker.Images.ListAsync(new ListImagesRequest { Reference = Repository }))
            foreach (var tag in image.RepoTags ?? [])
                await QuietlyAsync(() => Docker.Images.RemoveAsync(tag, force: true));
        // Images built with our labels but left untagged (e.g. by a rebuild) go too.
        foreach (var image in await Docker.Images.ListAsync(new ListImagesRequest { Labels = TestResources.SessionFilter }))
            await QuietlyAsync(() => Docker.Images.RemoveAsync(image.Id, force: true));
        Docker.Dispose();
    }

    private static async Task QuietlyAsync(Func<Task> remove)
    {
        try
        {
            await remove();
        }
        catch (DockerEngineException e) when (e.Kind is DockerErrorKind.NotFound or DockerErrorKind.Conflict)
        {
            // Already gone (a test removed it, or it went with its tag), or a child image of ours still uses it and goes first.
        }
    }

    /// <summary>Creates a container from the busybox image with the session labels; it is removed at the end of the run.</summary>
    public Task<string> CreateAsync(CreateContainerRequest request) =>
        Docker.Containers.CreateAsync(request with
        {
            Labels = (request.Labels ?? new Dictionary<string, string>()).Concat(TestResources.Labels).ToDictionary(),
        });

    public CreateContainerRequest Busybox(params string[] cmd) => new() { Image = BusyboxImage, Cmd = cmd, Name = TestResources.Name("c") };
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
