using System.Formats.Tar;
using System.Text;

namespace Images.Tests;

/// <summary>Whiteouts and the "every layer ships" rule, on layers written in memory (no engine needed).</summary>
public sealed class LayerRulesTests : IDisposable
{
    private readonly TestCertificate _ca = new();

    public void Dispose() => _ca.Dispose();

    private async Task<LayerIndex> LayerAsync(int index, params (string Name, string? Content)[] entries)
    {
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                var entry = new PaxTarEntry(content is null ? TarEntryType.Directory : TarEntryType.RegularFile, name);
                if (content is not null)
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
                await writer.WriteEntryAsync(entry);
            }
        tar.Position = 0;
        return await LayerIndex.ReadAsync(tar, index, new CertificateMatcher([_ca.Path]), CancellationToken.None);
    }

    [Fact]
    public async Task A_whited_out_shell_is_gone_but_a_deleted_certificate_still_ships_in_its_layer()
    {
        var lower = await LayerAsync(0, ("./bin/", null), ("./bin/sh", "elf"), ("./usr/local/share/ca-certificates/corp.crt", _ca.Pem));
        var upper = await LayerAsync(1, ("bin/.wh.sh", ""), ("usr/local/share/ca-certificates/.wh.corp.crt", ""), ("app/CreditRobot", "elf"));

        var merged = LayerIndex.Merge([lower, upper]);
        var findings = ImageRules.Check([lower, upper], merged);

        merged.Keys.Should().Contain("app/CreditRobot").And.NotContain("bin/sh");
        findings.Should().ContainSingle().Which.Should().Match<AuditFinding>(f =>
            f.Rule == AuditRule.ContainsBuildCertificate && f.Path == "/usr/local/share/ca-certificates/corp.crt" &&
            f.Message.Contains("(layer 1)"));
    }

    [Fact]
    public async Task An_opaque_directory_hides_everything_below_it_from_lower_layers()
    {
        var lower = await LayerAsync(0, ("usr/bin/apt", "elf"), ("usr/bin/dash", "elf"));
        var upper = await LayerAsync(1, ("usr/bin/.wh..wh..opq", ""), ("usr/bin/CreditRobot", "elf"));

        var merged = LayerIndex.Merge([lower, upper]);

        merged.Keys.Should().Equal("usr/bin/CreditRobot");
        ImageRules.Check([lower, upper], merged).Should().BeEmpty();
    }

    [Fact]
    public async Task Sdk_directories_are_recognised_by_their_entry_points_not_by_name_alone()
    {
        var layer = await LayerAsync(0, ("usr/share/dotnet/sdk/10.0.401/dotnet.dll", "x"), ("usr/share/dotnet/sdk/10.0.401/Sdks/", null),
            ("app/docs/sdk/1.2.3/readme.txt", "not an SDK"));

        var findings = ImageRules.Check([layer], LayerIndex.Merge([layer]));

        findings.Should().ContainSingle().Which.Path.Should().Be("/usr/share/dotnet/sdk/10.0.401");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("0", true)]
    [InlineData("root", true)]
    [InlineData("0:0", true)]
    [InlineData("1654", false)]
    [InlineData("app:app", false)]
    public void Root_users_are_recognised(string user, bool root) =>
        (ImageAudit.UserFinding(user) is not null).Should().Be(root);
}
