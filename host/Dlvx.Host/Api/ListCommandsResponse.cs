namespace Dlvx.Host.Api;

/// <summary>The answer to <c>Dlvx.ListCommands</c>.</summary>
/// <param name="Commands">Every plugin command, sorted by name; sub-commands by their full name (<c>heap-stats diff</c>).</param>
internal sealed record ListCommandsResponse(IReadOnlyList<CommandInfo> Commands);
