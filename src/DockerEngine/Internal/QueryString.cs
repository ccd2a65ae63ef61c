using System.Text;

namespace DockerEngine.Internal;

/// <summary>Builds "?a=1&amp;t=x&amp;t=y"; repeated keys are how the engine takes lists (e.g. build tags).</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string key, string? value)
    {
        if (value is null)
            return this;
        _text.Append(_text.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryString Add(string key, bool? value) => Add(key, value is null ? null : value.Value ? "1" : "0");

    public QueryString Add(string key, long? value) => Add(key, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryString AddJson<T>(string key, T? value) where T : class => Add(key, value is null ? null : DockerJson.Serialize(value));

    /// <summary>The engine's filter syntax: {"label":{"a=b":true}} serialized as {"label":["a=b"]}.</summary>
    public QueryString AddFilters(IReadOnlyDictionary<string, IReadOnlyList<string>>? filters) =>
        filters is null || filters.Count == 0 ? this : AddJson("filters", filters);

    public override string ToString() => _text.ToString();
}
