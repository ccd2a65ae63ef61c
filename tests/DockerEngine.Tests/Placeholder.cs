namespace DockerEngine.Tests; internal static class Placeholder { }
