namespace Publishing.Tests; internal static class Placeholder { }
