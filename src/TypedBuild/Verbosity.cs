namespace TypedBuild;

public enum Verbosity
{
    /// <summary>Errors, the summary and closing lines only.</summary>
    Quiet,

    /// <summary>Target headers and streamed tool output as well.</summary>
    Normal,

    /// <summary>Also commands, diagnostics and stack traces.</summary>
    Verbose,
}
