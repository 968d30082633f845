using System.Globalization;
using System.Text.RegularExpressions;
using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// Delve answers every failure with a plain string; the SDK promises specific exceptions. This is
/// where one becomes the other, by the wording Delve 1.20 uses.
/// </summary>
internal static partial class DelveErrors
{
    /// <summary>Turns Delve's error string into the most specific exception the SDK defines.</summary>
    /// <param name="method">The method that failed.</param>
    /// <param name="message">Delve's message.</param>
    /// <param name="inner">The client library's exception, if any.</param>
    public static DelveException Translate(string method, string message, Exception? inner = null)
    {
        var exited = ExitedPattern().Match(message);
        if (exited.Success)
        {
            var status = int.Parse(exited.Groups["status"].Value, CultureInfo.InvariantCulture);
            return new ProcessExitedException($"process exited with status {status}", inner!) { ExitStatus = status, Method = method };
        }

        if (SymbolPattern().IsMatch(message))
        {
            return new SymbolNotFoundException(message, inner!) { Method = method };
        }

        return inner is null ? new DelveException(message) { Method = method } : new DelveException(message, inner) { Method = method };
    }

    [GeneratedRegex(@"Process (?<pid>\d+) has exited with status (?<status>-?\d+)")]
    private static partial Regex ExitedPattern();

    [GeneratedRegex(@"could not find symbol|could not find .* in scope|no type entry found|unknown type|location .* not found|could not find function|undefined|not found", RegexOptions.IgnoreCase)]
    private static partial Regex SymbolPattern();
}
