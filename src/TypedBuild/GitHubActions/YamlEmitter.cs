using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TypedBuild.GitHubActions;

/// <summary>
/// A tiny deterministic block-style YAML writer: insertion-ordered maps, sequences, scalars quoted only
/// when needed. Enough for workflow files, and byte-stable so staleness is a plain string comparison.
/// </summary>
internal sealed partial class YamlEmitter
{
    private readonly StringBuilder _text = new();

    public static string Render(IEnumerable<string> headerComment, YamlMap root, IEnumerable<string>? blankLineBefore = null)
    {
        var emitter = new YamlEmitter();
        foreach (var line in headerComment) emitter._text.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        var spaced = new HashSet<string>(blankLineBefore ?? []);
        foreach (var (key, value) in root.Entries)
        {
            if (emitter._text.Length > 0 && spaced.Contains(key)) emitter._text.Append('\n');
            emitter.WriteEntry(key, value, 0);
        }
        return emitter._text.ToString();
    }

    private void WriteEntry(string key, object value, int indent)
    {
        Indent(indent).Append(Scalar(key)).Append(':');
        WriteValueAfterKey(value, indent);
    }

    private void WriteValueAfterKey(object value, int indent)
    {
        switch (value)
        {
            case YamlMap { Entries.Count: 0 }: _text.Append(" {}\n"); break;
            case YamlMap map:
                _text.Append('\n');
                foreach (var (k, v) in map.Entries) WriteEntry(k, v, indent + 2);
                break;
            case IReadOnlyList<object> { Count: 0 }: _text.Append(" []\n"); break;
            case IReadOnlyList<object> list:
                _text.Append('\n');
                foreach (var item in list) WriteItem(item, indent + 2);
                break;
            case YamlCommented commented: _text.Append(' ').Append(Scalar(commented.Value)).Append(" # ").Append(commented.Comment).Append('\n'); break;
            default: _text.Append(' ').Append(Scalar(value)).Append('\n'); break;
        }
    }

    private void WriteItem(object item, int indent)
    {
        Indent(indent).Append("- ");
        if (item is YamlMap { Entries.Count: > 0 } map)
        {
            // First entry on the dash line, the rest aligned under it.
            var first = true;
            foreach (var (k, v) in map.Entries)
            {
                if (!first) Indent(indent + 2);
                _text.Append(Scalar(k)).Append(':');
                WriteValueAfterKey(v, indent + 2);
                first = false;
            }
        }
        else _text.Append(Scalar(item)).Append('\n');
    }

    private StringBuilder Indent(int n) => _text.Append(' ', n);

    internal static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => QuoteIfNeeded(s),
        _ => throw new ArgumentException($"Unsupported YAML scalar type {value.GetType().Name}."),
    };

    private static string QuoteIfNeeded(string s)
    {
        if (Plain().IsMatch(s) && !Reserved.Contains(s) && !Number().IsMatch(s)) return s;
        if (!s.Contains('\'') && !s.Contains('\n')) return "'" + s + "'";
        return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
    }

    // YAML 1.1 readers turn these into booleans/null; quoting keeps them strings (except the key 'on',
    // which GitHub itself reads as the string "on" and every example writes bare).
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "y", "n", "yes", "no", "true", "false", "off", "null", "~" };

    // Block-context plain scalars: no leading indicator, no ": " or " #" (so no ':' or '#' at all), no edge spaces.
    [GeneratedRegex(@"^[A-Za-z0-9_./~($][A-Za-z0-9_ ./~()@*${}',|\-]*(?<! )$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$")]
    private static partial Regex Number();
}

/// <summary>A scalar followed by a <c># comment</c> on the same line (e.g. the version of a pinned action).</summary>
internal sealed record YamlCommented(object Value, string Comment);

/// <summary>An insertion-ordered YAML mapping.</summary>
internal sealed class YamlMap
{
    public List<KeyValuePair<string, object>> Entries { get; } = [];

    public YamlMap Add(string key, object value)
    {
        Entries.Add(new(key, value));
        return this;
    }
}
