using System.Text;

namespace ServerConfig;

/// <summary>
/// Splits a variable's value into arguments as a POSIX shell (and Python's shlex.split, which Gunicorn uses for
/// GUNICORN_CMD_ARGS) does: blanks separate, '…' is literal, "…" honours \" and \\, a backslash escapes the next character.
/// </summary>
public static class ShellWords
{
    public static Parsed<IReadOnlyList<string>> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\\' && i + 1 < text.Length) word.Append(text[++i]);
            else if (c is '\'' or '"')
            {
                var end = i + 1;
                for (; end < text.Length && text[end] != c; end++)
                {
                    if (c == '"' && text[end] == '\\' && end + 1 < text.Length && text[end + 1] is '"' or '\\' or '$' or '`') end++;
                    word.Append(text[end]);
                }
                if (end >= text.Length)
                    return Parsed<IReadOnlyList<string>>.Fail($"unterminated {c} quote at position {i + 1} (expected a closing {c})");
                i = end;
            }
            else word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return Parsed<IReadOnlyList<string>>.Ok(words);
    }
}
