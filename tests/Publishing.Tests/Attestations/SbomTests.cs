using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;
using Publishing.Attestations;
using Publishing.Tests.Fixtures;

namespace Publishing.Tests.Attestations;

/// <summary>The SBOM of the app: its NuGet packages from the real lock file, Debian packages from dpkg records, valid CycloneDX 1.5.</summary>
public sealed class SbomTests
{
    private static readonly AttestationSubject Subject = new("127.0.0.1:5000/creditrobot", "sha256:" + new string('e', 64));
    private static readonly string LockFile = Path.Combine(RepositoryRoot.Path, "src", "CreditRobot", "packages.lock.json");
    private static readonly string PackagesFolder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    // Two distroless status.d records (as the bootstrapped runtime-deps writes them) and a dpkg status file with a removed package.
    private const string Libc6 = "Package: libc6\nSource: glibc\nVersion: 2.36-9+deb12u10\nArchitecture: amd64\nDescription: GNU C Library\n Shared libraries.\n";
    private const string Tzdata = "Package: tzdata\nVersion: 2025b-0+deb12u1\nArchitecture: all\n";
    private const string Status = "Package: libssl3\nStatus: install ok installed\nVersion: 1:3.0.17-1~deb12u2\nArchitecture: amd64\n\n" +
                                  "Package: old\nStatus: deinstall ok config-files\nVersion: 1.0\nArchitecture: amd64\n";

    [Fact]
    public void The_lock_file_gives_every_package_with_its_SHA_512_and_build_tools_are_marked()
    {
        var packages = NuGetLockFile.Read(LockFile, PackagesFolder);

        var npgsql = packages.Should().ContainSingle(p => p.Name == "Npgsql").Subject;
        npgsql.Purl.Should().Be($"pkg:nuget/Npgsql@{npgsql.Version}");
        npgsql.Sha512Hex.Should().MatchRegex("^[0-9a-f]{128}$");
        npgsql.BuildOnly.Should().BeFalse();
        packages.Should().ContainSingle(p => p.Name == "Microsoft.NET.ILLink.Tasks").Which.BuildOnly.Should().BeTrue();
        packages.Should().NotContain(p => p.Name.Equals("serverconfig", StringComparison.OrdinalIgnoreCase), "a project reference is ours, not a package");
        if (Directory.Exists(Path.Combine(PackagesFolder, "npgsql")))
            npgsql.Licence.Should().Be("PostgreSQL", "Npgsql's .nuspec declares its licence expression");
    }

    [Fact]
    public void Dpkg_records_give_installed_packages_with_percent_encoded_purls()
    {
        var packages = DebianPackages.Parse([Libc6, Tzdata, Status]);

        packages.Select(p => p.Purl).Should().BeEquivalentTo(
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64",
            "pkg:deb/debian/tzdata@2025b-0%2Bdeb12u1?arch=all",
            "pkg:deb/debian/libssl3@1%3A3.0.17-1~deb12u2?arch=amd64");
    }

    [Fact]
    public async Task The_SBOM_is_valid_CycloneDX_1_5_and_names_the_image_digest()
    {
        var sbom = CycloneDxSbom.Write(Subject, NuGetLockFile.Read(LockFile, PackagesFolder), DebianPackages.Parse([Libc6, Tzdata, Status]),
            new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), "1.0");

        var result = await CycloneDxSchema.ValidateAsync(sbom);

        result.IsValid.Should().BeTrue(string.Join("\n", result.Details.Where(d => d.HasErrors)
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
        var json = JsonNode.Parse(sbom)!;
        json["metadata"]!["component"]!["purl"]!.GetValue<string>()
            .Should().Be($"pkg:oci/creditrobot@sha256%3A{new string('e', 64)}?repository_url=127.0.0.1%3A5000/creditrobot");
        json["components"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Contain(["Npgsql", "libc6", "libssl3", "tzdata"]);
    }

    [Fact]
    public async Task An_invalid_document_is_rejected_by_the_schema_so_the_validation_can_fail()
    {
        var broken = Encoding.UTF8.GetBytes("""{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"type":"no-such-type","name":"x"}]}""");

        (await CycloneDxSchema.ValidateAsync(broken)).IsValid.Should().BeFalse();
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes()
    {
        var date = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
        byte[] Write() => CycloneDxSbom.Write(Subject, NuGetLockFile.Read(LockFile, null), DebianPackages.Parse([Libc6]), date, "1.0");

        Write().Should().Equal(Write());
    }
}
