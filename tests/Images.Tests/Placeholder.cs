namespace Images.Tests; internal static class Placeholder { }
