using System.Text.RegularExpressions;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>Rules for command names across clients.</summary>
internal static partial class CommandNames
{
    /// <summary>Whether a name is one or two kebab-case words, such as <c>heap-stats</c> or <c>heap-stats diff</c>.</summary>
    public static bool IsValid(string name) => ValidName().IsMatch(name);

    /// <summary>The dlv terminal's spelling: <c>-</c> becomes <c>_</c>, as Starlark identifiers need.</summary>
    public static string ToTerminalName(string name) => name.Replace('-', '_');

    /// <summary>Maps a terminal spelling back: <c>heap_stats</c> becomes <c>heap-stats</c>.</summary>
    public static string FromTerminalName(string name) => name.Replace('_', '-');

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*( [a-z][a-z0-9]*(-[a-z0-9]+)*)?$")]
    private static partial Regex ValidName();
}
