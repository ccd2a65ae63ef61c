namespace Images; internal static class Placeholder { }
