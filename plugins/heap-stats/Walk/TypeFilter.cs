using System.Text.RegularExpressions;
using Dlvx.Sdk;

namespace Dlvx.Plugins.HeapStats.Walk;

/// <summary>Parses -filter into a regular expression, reporting a bad pattern as a usage error.</summary>
internal static class TypeFilter
{
    public static Regex? Parse(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"-filter: {e.Message}", e);
        }
    }
}
