using Publishing.Registry;

namespace Publishing.Tests.Registry;

public sealed class RegistryAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/", true)]
    [InlineData("localhost:5000", "http://localhost:5000/", true)]
    [InlineData("[::1]:5000", "http://[::1]:5000/", true)]
    [InlineData("ghcr.io", "https://ghcr.io/", false)]
    [InlineData("registry.example.com:8443", "https://registry.example.com:8443/", false)]
    [InlineData("https://ghcr.io/", "https://ghcr.io/", false)]
    [InlineData("docker.io", "https://registry-1.docker.io/", false)]
    public void Loopback_is_plain_http_like_the_engine_everything_else_https(string given, string baseUri, bool loopback)
    {
        var address = new RegistryAddress(given);

        address.BaseUri.ToString().Should().Be(baseUri);
        address.IsLoopback.Should().Be(loopback);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ghcr.io/me/app")]
    [InlineData("host:port")]
    public void Anything_but_host_and_port_is_rejected_with_an_example(string given)
    {
        var act = () => new RegistryAddress(given);

        act.Should().Throw<ArgumentException>().WithMessage("*expected host[:port] such as 127.0.0.1:5000*");
    }
}
