namespace TypedBuild; internal static class Placeholder { }
