using System.Globalization;

namespace TypedBuild;

/// <summary>Converts raw parameter text to the member's type; the one place that knows the supported types.</summary>
internal static class ValueConverter
{
    public static bool IsSupported(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t.IsEnum ||
               t == typeof(string[]) || t == typeof(AbsolutePath);
    }

    public static bool IsBool(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool);

    public static bool IsArray(Type type) => type == typeof(string[]);

    public static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum)
            return string.Join("|", Enum.GetNames(t));
        if (t == typeof(AbsolutePath))
            return "path";
        if (t == typeof(string[]))
            return "string[]";
        return t == typeof(bool) ? "bool" : t == typeof(int) || t == typeof(long) ? "int" : "string";
    }

    /// <summary>Converts <paramref name="values"/> (several only for string[]).</summary>
    /// <exception cref="FormatException">The message says what was expected; the caller adds where.</exception>
    public static object? Convert(Type type, IReadOnlyList<string> values, string rootDirectory)
    {
        if (type == typeof(string[]))
            return values.ToArray();
        if (values.Count != 1)
            throw new FormatException($"expected a single value, got {values.Count}");

        var raw = values[0];
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
            return raw;
        if (t == typeof(AbsolutePath))
            return raw.Length == 0 ? throw new FormatException("expected a path, got an empty value")
                : raw.Contains('\0') ? throw new FormatException("expected a path, got one with a NUL character")
                : AbsolutePath.Create(raw, rootDirectory);
        if (t == typeof(bool))
        {
            return raw.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                _ => throw new FormatException($"expected true or false, got '{raw}'"),
            };
        }

        if (t == typeof(int))
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new FormatException($"expected an integer, got '{raw}'");
        }

        // Enums: names only (case-insensitive); numbers would let typos through.
        var match = Enum.GetNames(t).FirstOrDefault(n => string.Equals(n, raw, StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? Enum.Parse(t, match)
            : throw new FormatException($"expected one of {string.Join(", ", Enum.GetNames(t))}, got '{raw}'" +
                                        (Naming.DidYouMean(raw, Enum.GetNames(t)) is { Length: > 0 } hint ? "." + hint : ""));
    }

    /// <summary>A value as shown in --help/--plan (before redaction).</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string[] array => string.Join(" ", array),
        bool b => b ? "true" : "false",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Whether a value counts as "set" for <c>Requires</c>.</summary>
    public static bool IsSet(object? value) => value switch
    {
        null => false,
        string s => !string.IsNullOrWhiteSpace(s),
        string[] a => a.Length > 0,
        bool b => b,
        _ => true,
    };
}
