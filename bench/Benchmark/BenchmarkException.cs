namespace Benchmark;

/// <summary>A benchmark step failed in a way a user can act on; the message says what and where.</summary>
public sealed class BenchmarkException : Exception
{
    public BenchmarkException(string message) : base(message)
    {
    }

    public BenchmarkException(string message, Exception inner) : base(message, inner)
    {
    }
}
