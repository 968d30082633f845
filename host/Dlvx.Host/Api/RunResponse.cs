using System.Text.Json;

namespace Dlvx.Host.Api;

/// <summary>The answer to <c>Dlvx.Run</c>; a failed command is a JSON-RPC error instead.</summary>
/// <param name="Command">The canonical name of the command that ran.</param>
/// <param name="Text">Its text output.</param>
/// <param name="Data">
/// Its structured data, or null. Kept as a <see cref="JsonElement"/> end to end: it is written to the
/// wire as it is, never re-parsed, because it can be tens of megabytes.
/// </param>
internal sealed record RunResponse(string Command, string Text, JsonElement? Data);
