using System.Globalization;
using System.Text.Json;

namespace Dlvx.Host.Report;

/// <summary>Reading a command's data by field name: a missing field throws <see cref="KeyNotFoundException"/> naming it.</summary>
internal static class JsonFields
{
    public static JsonElement Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"no field {name}");

    public static string Text(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString()!,
        { ValueKind: JsonValueKind.Null } => "",
        var value => value.ToString(),
    };

    public static long Int64(this JsonElement element, string name) => element.Field(name).GetInt64();

    public static ulong UInt64(this JsonElement element, string name) => element.Field(name).GetUInt64();

    public static bool Flag(this JsonElement element, string name) => element.Field(name).GetBoolean();

    /// <summary>An optional number, as text ("-" when null).</summary>
    public static string OptionalNumber(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt64().ToString(CultureInfo.InvariantCulture) : "-";

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) => element.Field(name).EnumerateArray();

    /// <summary>An address written as <c>0x...</c>.</summary>
    public static ulong Address(this JsonElement element, string name) =>
        element.Text(name) is var text && text.StartsWith("0x", StringComparison.Ordinal)
            ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{name} is not an address: {text}");
}
