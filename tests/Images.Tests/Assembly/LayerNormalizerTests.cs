using System.Formats.Tar;
using System.Text;
using Images.Assembly;

namespace Images.Tests.Assembly;

/// <summary>The merged layer depends on the files only: not on their times, owner names, entry order or tar format.</summary>
public sealed class LayerNormalizerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("layer-normalizer-");
    private static readonly DateTimeOffset SourceDate = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_same_files_with_other_times_owner_names_order_and_format_give_the_same_diff_id()
    {
        var first = Tar("a.tar", TarEntryFormat.Pax, DateTimeOffset.UtcNow, "root", ("app/", null), ("app/server.conf", "bind = 0.0.0.0:8080"), ("app/CreditRobot", "ELF"));
        var second = Tar("b.tar", TarEntryFormat.Gnu, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero), "builder",
            ("app/CreditRobot", "ELF"), ("./app/", null), ("app/server.conf", "bind = 0.0.0.0:8080"));

        var a = await LayerNormalizer.WriteAsync([first], Out("a-out.tar"), SourceDate);
        var b = await LayerNormalizer.WriteAsync([second], Out("b-out.tar"), SourceDate);

        b.DiffId.Should().Be(a.DiffId);
        File.ReadAllBytes(b.Path).Should().Equal(File.ReadAllBytes(a.Path));
        var entries = Read(a.Path);
        entries.Select(e => e.Name).Should().Equal("app/", "app/CreditRobot", "app/server.conf");
        entries.Should().AllSatisfy(e =>
        {
            e.ModificationTime.Should().Be(SourceDate);
            ((UstarTarEntry)e).UserName.Should().BeEmpty();
        });
    }

    [Fact]
    public async Task Another_source_date_or_other_content_gives_another_diff_id()
    {
        var tar = Tar("a.tar", TarEntryFormat.Pax, DateTimeOffset.UtcNow, "root", ("app/CreditRobot", "ELF"));
        var changed = Tar("b.tar", TarEntryFormat.Pax, DateTimeOffset.UtcNow, "root", ("app/CreditRobot", "ELF2"));

        var a = await LayerNormalizer.WriteAsync([tar], Out("a-out.tar"), SourceDate);
        (await LayerNormalizer.WriteAsync([tar], Out("b-out.tar"), SourceDate.AddSeconds(1))).DiffId.Should().NotBe(a.DiffId);
        (await LayerNormalizer.WriteAsync([changed], Out("c-out.tar"), SourceDate)).DiffId.Should().NotBe(a.DiffId);
    }

    [Fact]
    public async Task A_later_layer_replaces_an_earlier_file_and_both_layers_merge_into_one()
    {
        var workdir = Tar("workdir.tar", TarEntryFormat.Pax, DateTimeOffset.UtcNow, "root", ("app/", null), ("app/old", "1"));
        var copy = Tar("copy.tar", TarEntryFormat.Pax, DateTimeOffset.UtcNow, "root", ("app/old", "2"), ("etc/x", "x"));

        var merged = await LayerNormalizer.WriteAsync([workdir, copy], Out("out.tar"), SourceDate);

        var entries = Read(merged.Path);
        entries.Select(e => e.Name).Should().Equal("app/", "app/old", "etc/x");
        new StreamReader(entries[1].DataStream!).ReadToEnd().Should().Be("2");
    }

    [Fact]
    public async Task A_deletion_in_the_final_stage_is_refused_with_the_path()
    {
        var whiteout = Tar("w.tar", TarEntryFormat.Pax, DateTimeOffset.UtcNow, "root", ("etc/.wh.passwd", ""));

        var act = () => LayerNormalizer.WriteAsync([whiteout], Out("out.tar"), SourceDate);

        (await act.Should().ThrowAsync<ImagesException>()).WithMessage("*deletes 'etc/passwd'*build stage*");
    }

    private string Out(string name) => Path.Combine(_dir.FullName, name);

    private string Tar(string name, TarEntryFormat format, DateTimeOffset mtime, string owner, params (string Path, string? Content)[] entries)
    {
        var path = Out(name);
        using var file = File.Create(path);
        using var writer = new TarWriter(file, format);
        foreach (var (entryPath, content) in entries)
        {
            var type = content is null ? TarEntryType.Directory : TarEntryType.RegularFile;
            TarEntry entry = format switch
            {
                TarEntryFormat.Gnu => new GnuTarEntry(type, entryPath) { UserName = owner },
                _ => new PaxTarEntry(type, entryPath) { UserName = owner },
            };
            entry.ModificationTime = mtime;
            if (content is not null)
                entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
            writer.WriteEntry(entry);
        }
        return path;
    }

    private static List<TarEntry> Read(string path)
    {
        using var reader = new TarReader(File.OpenRead(path));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
            entries.Add(entry);
        return entries;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
