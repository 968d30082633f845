using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.RuntimeViews;

/// <summary>Names for the values of a runtime enumeration, from the target's own constants.</summary>
internal static class RuntimeConstants
{
    /// <summary>
    /// Reads the constants <paramref name="prefix"/> + each of <paramref name="names"/> that exist in the
    /// target and maps each value to its short name (prefix <c>runtime._P</c>, name <c>idle</c>: the value of <c>runtime._Pidle</c> to <c>idle</c>).
    /// </summary>
    /// <exception cref="RuntimeLayoutException">None of the constants exists.</exception>
    public static async Task<IReadOnlyDictionary<long, string>> NamesAsync(IRuntimeLayout layout, string prefix, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var byValue = new Dictionary<long, string>();
        var asked = names.ToList();
        foreach (var name in asked)
        {
            if (await layout.FindConstantAsync(prefix + name, cancellationToken) is { } value)
            {
                byValue.TryAdd(value, name);
            }
        }

        return byValue.Count > 0 ? byValue : throw await layout.MissingAsync($"constants {prefix}{string.Join(", ", asked)}", cancellationToken);
    }

    /// <summary>The name of <paramref name="value"/>, or the number itself for a value the target has no constant for.</summary>
    public static string NameOf(this IReadOnlyDictionary<long, string> names, long value) =>
        names.TryGetValue(value, out var name) ? name : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
