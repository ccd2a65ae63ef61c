namespace Benchmark.Runtime;

/// <summary>One side of the comparison: "ours", "jit" (our trimmed JIT variant) or "peer", the image reference and the port its server listens on.</summary>
public sealed record BenchImage(string Name, string Reference, int ContainerPort);
