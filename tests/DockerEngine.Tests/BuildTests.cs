using System.Formats.Tar;

namespace DockerEngine.Tests;

[Collection(EngineCollection.Name)]
public sealed class BuildTests(EngineFixture engine)
{
    private DockerClient Docker => engine.Docker;

    [Fact]
    public async Task A_scratch_build_reports_steps_in_order_and_returns_the_image_id()
    {
        var context = BuildContext.FromFiles([
            ContextFile.Text("Dockerfile", "FROM scratch\nCOPY hello.txt /hello.txt\nLABEL purpose=test\n"),
            ContextFile.Text("hello.txt", "hello " + TestResources.RunId),
        ]);
        var tag = $"{engine.Repository}:scratch";
        var events = new List<BuildProgress>();

        var result = await Docker.Images.BuildAsync(context,
            new BuildImageRequest { Tags = [tag], Labels = TestResources.Labels, BuildArgs = new Dictionary<string, string> { ["UNUSED"] = "1" } },
            new InlineProgress<BuildProgress>(events.Add));

        result.ImageId.Should().StartWith("sha256:");
        // The classic builder turns each requested label into one more LABEL step at the end.
        var total = 3 + TestResources.Labels.Count;
        result.Steps.Should().Be(total);
        events.Where(e => e.Kind == BuildProgressKind.Step).Take(3).Select(e => (e.Step, e.TotalSteps, e.Text)).Should().Equal(
            (1, total, $"Step 1/{total} : FROM scratch"), (2, total, $"Step 2/{total} : COPY hello.txt /hello.txt"),
            (3, total, $"Step 3/{total} : LABEL purpose=test"));
        events.Last().Should().Be(new BuildProgress(BuildProgressKind.ImageId, result.ImageId));
        var image = await Docker.Images.InspectAsync(tag);
        image.Id.Should().Be(result.ImageId);
        image.Config.Labels.Should().Contain("purpose", "test").And.Contain(TestResources.ProjectLabel, "creditrobot");
        image.LayerCount.Should().Be(1);

        var again = new List<BuildProgress>();
        var rebuilt = await Docker.Images.BuildAsync(context, new BuildImageRequest { Tags = [tag], Labels = TestResources.Labels },
            new InlineProgress<BuildProgress>(again.Add));
        rebuilt.ImageId.Should().Be(result.ImageId, "identical inputs hit the cache");
        rebuilt.CachedSteps.Should().Be(total - 1, "every step but FROM comes from the cache");
        again.Should().Contain(e => e.Kind == BuildProgressKind.CacheHit && e.Step == 2);
    }

    [Fact]
    public async Task A_failing_RUN_fails_the_build_with_its_message_and_last_output()
    {
        var context = BuildContext.FromFiles([ContextFile.Text("Dockerfile",
            $"FROM {engine.BusyboxImage}\nRUN echo preparing\nRUN echo about-to-fail && echo broken-thing >&2 && exit 3\nRUN echo never\n")]);

        var act = () => Docker.Images.BuildAsync(context, new BuildImageRequest { Labels = TestResources.Labels });

        var error = (await act.Should().ThrowAsync<DockerBuildException>()).Which;
        error.Kind.Should().Be(DockerErrorKind.BuildFailed);
        var total = 4 + TestResources.Labels.Count;
        error.Step.Should().Be($"Step 3/{total} : RUN echo about-to-fail && echo broken-thing >&2 && exit 3");
        error.Message.Should().Contain("returned a non-zero code: 3").And.Contain($"at Step 3/{total}")
            .And.Contain("about-to-fail").And.Contain("broken-thing").And.NotContain("preparing");
        error.OutputTail.Should().Contain(["about-to-fail", "broken-thing"], "stderr arrives without the builder's colour codes");
    }

    [Fact]
    public async Task A_bad_Dockerfile_fails_with_the_parse_error()
    {
        var context = BuildContext.FromFiles([ContextFile.Text("Dockerfile", "FROM scratch\nFROMM nothing\n")]);

        var act = () => Docker.Images.BuildAsync(context, new BuildImageRequest { Labels = TestResources.Labels });

        var error = (await act.Should().ThrowAsync<DockerBuildException>()).Which;
        error.Message.Should().Contain("unknown instruction").And.Contain("FROMM").And.Contain("Fix the Dockerfile");
    }

    [Fact]
    public async Task A_missing_base_image_fails_naming_it()
    {
        var missing = $"cr-missing-base-{TestResources.RunId}:1";
        var context = BuildContext.FromFiles([ContextFile.Text("Dockerfile", $"FROM {missing}\n")]);

        var act = () => Docker.Images.BuildAsync(context, new BuildImageRequest { Labels = TestResources.Labels });

        var error = (await act.Should().ThrowAsync<DockerBuildException>()).Which;
        error.Message.Should().Contain($"at Step 1/{1 + TestResources.Labels.Count} : FROM cr-missing-base-{TestResources.RunId}")
            .And.Contain("build the image locally");
    }

    [Fact]
    public async Task The_context_honours_dockerignore_and_still_sends_the_Dockerfile()
    {
        var dir = Directory.CreateTempSubdirectory("cr-context-").FullName;
        try
        {
            Write(dir, "Dockerfile", $"FROM {engine.BusyboxImage}\nCOPY . /ctx\nCMD [\"find\", \"/ctx\", \"-type\", \"f\"]\n");
            Write(dir, ".dockerignore", """
                # build output and secrets stay out
                **/*.log
                bin
                /obj
                ./secrets
                *.env
                docs
                !docs/keep.md
                Dockerfile
                .dockerignore
                """);
            foreach (var file in new[] { "app.txt", "secret.env", "bin/app.dll", "obj/cache.o", "secrets/key", "docs/readme.md",
                         "docs/keep.md", "src/main.cs", "src/deep/nested/trace.log", "src/deep/nested/data.json" })
                Write(dir, file, file);

            var context = BuildContext.FromDirectory(dir);

            context.ListEntries().Should().Equal(
                ".dockerignore", "Dockerfile", "app.txt", "docs/keep.md",
                "src/", "src/deep/", "src/deep/nested/", "src/deep/nested/data.json", "src/main.cs");
            await AssertTarMatchesListingAsync(context);

            var result = await Docker.Images.BuildAsync(context, new BuildImageRequest { Labels = TestResources.Labels });
            var id = await engine.CreateAsync(new CreateContainerRequest { Image = result.ImageId, Name = TestResources.Name("ctx") });
            await Docker.Containers.StartAsync(id);
            (await Docker.Containers.WaitAsync(id)).StatusCode.Should().Be(0);
            var files = (await Docker.Containers.GetLogsAsync(id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order();
            // The engine drops a Dockerfile/.dockerignore that .dockerignore names after reading them, so COPY does not see them.
            files.Should().Equal("/ctx/app.txt", "/ctx/docs/keep.md", "/ctx/src/deep/nested/data.json", "/ctx/src/main.cs");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Build_args_and_target_select_what_is_built()
    {
        var context = BuildContext.FromFiles([ContextFile.Text("Dockerfile", """
            FROM scratch AS first
            ARG GREETING=default
            LABEL stage=first greeting=$GREETING
            FROM first AS final
            LABEL stage=final
            """)]);

        var first = await Docker.Images.BuildAsync(context, new BuildImageRequest
        {
            Target = "first",
            BuildArgs = new Dictionary<string, string> { ["GREETING"] = "hello from args" },
            Labels = TestResources.Labels,
            NetworkMode = "none",
        });
        var final = await Docker.Images.BuildAsync(context, new BuildImageRequest { Labels = TestResources.Labels });

        (await Docker.Images.InspectAsync(first.ImageId)).Config.Labels.Should().Contain("stage", "first").And.Contain("greeting", "hello from args");
        (await Docker.Images.InspectAsync(final.ImageId)).Config.Labels.Should().Contain("stage", "final").And.Contain("greeting", "default");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_directory_context_keeps_modes_and_symlinks()
    {
        var dir = Directory.CreateTempSubdirectory("cr-context-").FullName;
        try
        {
            Write(dir, "Dockerfile", $"FROM {engine.BusyboxImage}\nCOPY . /ctx\nCMD [\"sh\", \"-c\", \"/ctx/run.sh && readlink /ctx/link\"]\n");
            Write(dir, "run.sh", "#!/bin/sh\necho script-ran\n");
            File.SetUnixFileMode(Path.Combine(dir, "run.sh"), ContextFile.Executable);
            File.CreateSymbolicLink(Path.Combine(dir, "link"), "run.sh");

            var result = await Docker.Images.BuildAsync(BuildContext.FromDirectory(dir), new BuildImageRequest { Labels = TestResources.Labels });
            var id = await engine.CreateAsync(new CreateContainerRequest { Image = result.ImageId, Name = TestResources.Name("modes") });
            await Docker.Containers.StartAsync(id);

            (await Docker.Containers.WaitAsync(id)).StatusCode.Should().Be(0);
            (await Docker.Containers.GetLogsAsync(id)).Should().Be(new ContainerLogs("script-ran\nrun.sh\n", ""));

            // Only content and metadata count for the cache, not timestamps: a touched file still hits it.
            File.SetLastWriteTimeUtc(Path.Combine(dir, "run.sh"), DateTime.UtcNow.AddHours(1));
            var again = await Docker.Images.BuildAsync(BuildContext.FromDirectory(dir), new BuildImageRequest { Labels = TestResources.Labels });
            again.ImageId.Should().Be(result.ImageId);
            again.CachedSteps.Should().Be(again.Steps - 1, "every step after FROM comes from the cache");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Cancelling_a_build_stops_it_and_leaves_no_build_container()
    {
        var context = BuildContext.FromFiles([ContextFile.Text("Dockerfile", $"FROM {engine.BusyboxImage}\nRUN echo started && sleep 60\n")]);
        using var cancel = new CancellationTokenSource();
        var started = DateTime.UtcNow;
        var progress = new InlineProgress<BuildProgress>(p =>
        {
            if (p.Kind == BuildProgressKind.Output && p.Text == "started")
                cancel.Cancel();
        });

        var act = () => Docker.Images.BuildAsync(context, new BuildImageRequest { Labels = TestResources.Labels, NoCache = true }, progress, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(30), "the RUN would take 60 s");
        var filter = new Dictionary<string, IReadOnlyList<string>> { ["ancestor"] = [engine.BusyboxImage] };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<ContainerSummary> left;
        while ((left = (await Docker.Containers.ListAsync(new ListContainersRequest { Filters = filter }))
                   .Where(c => c.Command.Contains("sleep 60", StringComparison.Ordinal)).ToList()).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        left.Should().BeEmpty("the engine removes the RUN container of a cancelled build (forcerm)");
    }

    [Fact]
    public async Task A_fifo_in_the_context_does_not_block_the_tar()
    {
        var dir = Directory.CreateTempSubdirectory("cr-context-").FullName;
        try
        {
            Write(dir, "Dockerfile", "FROM scratch\n");
            Mkfifo(Path.Combine(dir, "pipe"), Convert.ToUInt32("644", 8)).Should().Be(0, "mkfifo must work to set up this test");
            using var tar = new MemoryStream();

            await BuildContext.FromDirectory(dir).WriteTarAsync(tar).WaitAsync(TimeSpan.FromSeconds(10));

            tar.Position = 0;
            using var reader = new TarReader(tar);
            var names = new List<string>();
            while (await reader.GetNextEntryAsync() is { } entry)
                names.Add(entry.Name);
            names.Should().Equal("Dockerfile", "pipe");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode);

    private static async Task AssertTarMatchesListingAsync(BuildContext context)
    {
        using var tar = new MemoryStream();
        await context.WriteTarAsync(tar);
        tar.Position = 0;
        var names = new List<string>();
        using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            names.Add(entry.Name);
            entry.Uid.Should().Be(0);
        }
        names.Should().Equal(context.ListEntries());
    }

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
