namespace ServerConfig.Tests; internal static class Placeholder { }
