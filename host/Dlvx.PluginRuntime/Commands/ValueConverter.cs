using System.Globalization;
using Dlvx.Sdk;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>Converts command-line text to the typed values of command options.</summary>
internal static class ValueConverter
{
    public static Type UnderlyingType(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    public static bool IsSupported(Type type)
    {
        var t = UnderlyingType(type.IsArray ? type.GetElementType()! : type);
        return t == typeof(string) || t == typeof(bool) || t.IsEnum || t == typeof(TimeSpan) || t == typeof(double) || t == typeof(float)
            || t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(uint) || t == typeof(ulong) || t == typeof(short) || t == typeof(ushort);
    }

    /// <summary>Converts one value, or throws a <see cref="UsageException"/> that says what was expected.</summary>
    public static object Convert(string text, Type type, string what)
    {
        var t = UnderlyingType(type);
        var invariant = CultureInfo.InvariantCulture;
        if (t == typeof(string))
        {
            return text;
        }

        if (t == typeof(bool))
        {
            return text.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw new UsageException($"{what}: '{text}' is not true or false"),
            };
        }

        if (t.IsEnum)
        {
            var wanted = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            foreach (var name in Enum.GetNames(t))
            {
                if (string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    return Enum.Parse(t, name);
                }
            }

            throw new UsageException($"{what}: '{text}' is not one of {string.Join("|", EnumChoices(t))}");
        }

        if (t == typeof(TimeSpan))
        {
            return ParseDuration(text) ?? throw new UsageException($"{what}: '{text}' is not a duration (for example 500ms, 2s, 1m)");
        }

        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
        {
            if (double.TryParse(text, NumberStyles.Float, invariant, out var number))
            {
                return System.Convert.ChangeType(number, t, invariant);
            }

            throw new UsageException($"{what}: '{text}' is not a number");
        }

        var style = NumberStyles.Integer;
        var digits = text;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            style = NumberStyles.AllowHexSpecifier;
            digits = text[2..];
        }

        if (long.TryParse(digits, style, invariant, out var integer) || (t == typeof(ulong) && ulong.TryParse(digits, style, invariant, out _)))
        {
            try
            {
                return t == typeof(ulong) ? ulong.Parse(digits, style, invariant) : System.Convert.ChangeType(integer, t, invariant);
            }
            catch (OverflowException)
            {
                throw new UsageException($"{what}: {text} is out of range");
            }
        }

        throw new UsageException($"{what}: '{text}' is not a whole number");
    }

    public static IEnumerable<string> EnumChoices(Type enumType) =>
        Enum.GetNames(UnderlyingType(enumType)).Select(name => KebabCase(name));

    public static string KebabCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static TimeSpan? ParseDuration(string text)
    {
        var units = new (string Suffix, double Milliseconds)[] { ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000) };
        foreach (var (suffix, ms) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                return TimeSpan.FromMilliseconds(value * ms);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }
}
