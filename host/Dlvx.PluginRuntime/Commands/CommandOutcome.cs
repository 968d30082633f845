namespace Dlvx.PluginRuntime.Commands;

/// <summary>The result of invoking a command, ready for any client route.</summary>
/// <param name="Command">The canonical command name, or what the user typed if it was not found.</param>
/// <param name="Succeeded">Whether the command produced a result.</param>
/// <param name="Text">The text to show: the output, the JSON data under <c>--json</c>, or the error message.</param>
/// <param name="Data">The structured data, already serialised, when the command returned any.</param>
internal sealed record CommandOutcome(string Command, bool Succeeded, string Text, System.Text.Json.JsonElement? Data)
{
    /// <summary>A failed outcome with a message for the user.</summary>
    public static CommandOutcome Failure(string command, string message) => new(command, false, message, null);
}
