using Containers;
using System.Text;
using Docker.DotNet.Models;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Tests.Fixtures;

namespace Publishing.Tests.Push;

public sealed class AuthRegistryFixture : DockerFixture
{
    public const string User = "publisher";

    /// <summary>The sentinel: if this string shows up anywhere we can see, the password leaked.</summary>
    public string Password { get; } = $"Sentinel-{Guid.NewGuid():N}";

    public TestRegistry Registry { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Registry = await TestRegistry.StartAsync(Docker, (User, Password));
    }

    public override async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>A registry with htpasswd (bcrypt) auth: credentials work, wrong ones fail clearly, and the password never leaks.</summary>
public sealed class RegistryAuthTests(AuthRegistryFixture fixture) : IClassFixture<AuthRegistryFixture>
{
    private readonly List<string> _log = [];

    private ImagePublisher Publisher() => new(fixture.Docker, line => { lock (_log) _log.Add(line); });

    private PublishRequest Request(string image, RegistryCredentials? credentials, params string[] tags) => new()
    {
        ImageId = image, Registry = fixture.Registry.Address, Repository = "secure/app", Tags = tags, Credentials = credentials,
    };

    [Fact]
    public async Task Right_credentials_push_and_pull_and_the_sentinel_password_appears_nowhere()
    {
        var image = await fixture.ImageAsync("auth-ok");
        var credentials = new RegistryCredentials(AuthRegistryFixture.User, fixture.Password);
        var request = Request(image, credentials, "1.0.0", "latest");

        var result = await Publisher().PublishAsync(request);
        var again = await Publisher().PublishAsync(request);
        var proof = new PullProof(fixture.Docker, line => _log.Add(line));
        var pulled = await proof.PullByDigestAsync(result.References[0], credentials);

        result.References.Should().OnlyContain(r => r.Pushed);
        again.NothingChanged.Should().BeTrue("the no-op check reads manifests with the same credentials");
        pulled.Should().Be(image);

        var visible = new StringBuilder()
            .AppendJoin('\n', _log).Append('\n')
            .Append(request).Append('\n').Append(credentials).Append('\n')
            .Append(result).Append('\n').AppendJoin('\n', result.References).ToString();
        visible.Should().NotContain(fixture.Password);
        visible.Should().Contain(AuthRegistryFixture.User, "the user name is fine to show");
        (await ImageBytesContainAsync(image, fixture.Password)).Should().BeFalse("the pushed image must not carry the password");
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_error_naming_the_registry_and_not_the_password()
    {
        var image = await fixture.ImageAsync("auth-wrong");
        var wrong = $"Wrong-{Guid.NewGuid():N}";

        var act = () => Publisher().PublishAsync(Request(image, new RegistryCredentials(AuthRegistryFixture.User, wrong), "1.0.0"));

        var error = (await act.Should().ThrowAsync<RegistryException>()).Which;
        error.Kind.Should().Be(RegistryErrorKind.Unauthorized);
        error.Registry.Should().Be(fixture.Registry.Address.HostAndPort);
        error.Message.Should().Contain($"Registry {fixture.Registry.Address} rejected the credentials of user 'publisher'").And.Contain("REGISTRY_PASSWORD");
        error.ToString().Should().NotContain(wrong).And.NotContain(fixture.Password);
        _log.Should().NotContain(l => l.Contains(wrong));
    }

    [Fact]
    public async Task No_credentials_for_a_protected_registry_says_which_parameters_to_set()
    {
        var image = await fixture.ImageAsync("auth-none");

        var act = () => Publisher().PublishAsync(Request(image, null, "1.0.0"));

        var error = (await act.Should().ThrowAsync<RegistryException>()).Which;
        error.Kind.Should().Be(RegistryErrorKind.Unauthorized);
        error.Message.Should().Contain($"Registry {fixture.Registry.Address} requires a login").And.Contain("--registry-username");
    }

    [Fact]
    public async Task The_engine_push_itself_rejects_wrong_credentials_and_the_error_is_scrubbed()
    {
        // Straight through the engine (skipping our own pre-check) to prove the X-Registry-Auth path fails cleanly too.
        var image = await fixture.ImageAsync("auth-engine");
        var wrong = $"Wrong-{Guid.NewGuid():N}";
        var reference = $"{fixture.Registry.Address}/secure/engine:1.0.0";
        await fixture.Docker.Images.TagImageAsync(image, new ImageTagParameters { RepositoryName = reference[..reference.LastIndexOf(':')], Tag = "1.0.0" });
        var messages = new List<JSONMessage>();

        await fixture.Docker.Images.PushImageAsync(reference, new ImagePushParameters(),
            new RegistryCredentials("publisher", wrong).ToAuthConfig(fixture.Registry.Address), new Containers.InlineProgress<JSONMessage>(messages.Add));

        var error = messages.Select(m => m.Error?.Message).Should().ContainSingle(m => m != null).Which;
        error.Should().ContainAny("unauthorized", "authentication required", "no basic auth credentials");
        string.Join("\n", messages.Select(m => $"{m.Status} {m.Error?.Message} {m.Stream}")).Should().NotContain(wrong);
    }

    [Theory]
    [InlineData("user", null, "*without a password*")]
    [InlineData(null, "secret-value", "*without a username*")]
    public void Half_given_credentials_are_a_usage_error_that_never_echoes_the_password(string? user, string? password, string message)
    {
        var act = () => RegistryCredentials.FromParameters(user, password);

        act.Should().Throw<ArgumentException>().WithMessage(message).Which.Message.Should().NotContain("secret-value");
        RegistryCredentials.FromParameters(null, null).Should().BeNull("no credentials at all is an anonymous registry");
        RegistryCredentials.FromParameters("", "").Should().BeNull();
    }

    private async Task<bool> ImageBytesContainAsync(string image, string needle)
    {
        await using var tar = await fixture.Docker.Images.SaveImageAsync(image);
        using var buffer = new MemoryStream();
        await tar.CopyToAsync(buffer);
        return buffer.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
    }
}
