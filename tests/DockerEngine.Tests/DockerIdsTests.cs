namespace DockerEngine.Tests;

public sealed class DockerIdsTests
{
    [Theory]
    [InlineData("sha256:9b8072cf20dc0f5e1c3b54f3e7a9d2c1b0a8f7e6d5c4b3a291807f6e5d4c3b2a", "9b8072cf20dc")]
    [InlineData("c06f4759d8f1eefb1c49b54e5f97a912bb45214b0a42f900801f8200ede05789", "c06f4759d8f1")]
    [InlineData("creditrobot-registry", "creditrobot-registry")]
    [InlineData("sha256:abc", "sha256:abc")]
    public void Short_ids_read_like_the_docker_CLI_and_names_stay_whole(string id, string expected) =>
        DockerIds.Short(id).Should().Be(expected);
}
