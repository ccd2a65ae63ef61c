namespace Benchmark; internal static class Placeholder { }
