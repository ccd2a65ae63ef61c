using System.Text;

namespace Containers.Output;

/// <summary>
/// Turns the text chunks of one stream into lines: a line may span several frames of the multiplexed log
/// stream, and one frame may hold several lines.
/// </summary>
internal sealed class LineSplitter(LogStream stream, Action<LogLine> onLine)
{
    private readonly StringBuilder _pending = new();

    public void Write(string text)
    {
        foreach (var c in text)
        {
            if (c == '\n')
            {
                Emit();
            }
            else
            {
                _pending.Append(c);
            }
        }
    }

    /// <summary>Emits a last line that had no newline (the stream ended).</summary>
    public void Flush()
    {
        if (_pending.Length > 0) Emit();
    }

    private void Emit()
    {
        if (_pending.Length > 0 && _pending[^1] == '\r') _pending.Length--;
        onLine(new LogLine(stream, _pending.ToString()));
        _pending.Clear();
    }
}
