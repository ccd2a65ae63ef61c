namespace ServerConfig; internal static class Placeholder { }
