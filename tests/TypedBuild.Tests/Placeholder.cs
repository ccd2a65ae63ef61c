namespace TypedBuild.Tests; internal static class Placeholder { }
