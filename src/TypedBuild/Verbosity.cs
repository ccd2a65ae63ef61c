namespace TypedBuild;

/// <summary>NUKE's levels; each includes everything of the levels above it.</summary>
public enum Verbosity
{
    /// <summary>Errors, warnings, the summary and closing lines only.</summary>
    Quiet,

    /// <summary>Also the target headers (what is running), without tool output.</summary>
    Minimal,

    /// <summary>Also streamed tool output and informational lines.</summary>
    Normal,

    /// <summary>Also commands, diagnostics and stack traces.</summary>
    Verbose,
}
