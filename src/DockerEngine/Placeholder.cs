namespace DockerEngine; internal static class Placeholder { }
