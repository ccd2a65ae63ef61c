using System.Text;

namespace Fuzz;

/// <summary>
/// One hand-written parser fed the way its users feed it. <see cref="Run"/> returns when the parser gave a value or its
/// own error (the message a user sees); anything else it throws is a defect: afl-fuzz records the input as a crash.
/// </summary>
public sealed record FuzzTarget(string Name, string Parses, Action<byte[]> Run)
{
    /// <summary>The input as a parser of text receives it (invalid UTF-8 becomes U+FFFD, as File.ReadAllText does).</summary>
    public static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    /// <summary>One argument or one field per line.</summary>
    public static string[] Lines(byte[] input) => Text(input).Split('\n');
}

/// <summary>An answer the parser gave that breaks its own contract (e.g. a valid file that does not render back).</summary>
public sealed class ContractViolation(string message) : Exception(message);
