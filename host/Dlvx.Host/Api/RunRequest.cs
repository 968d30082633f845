namespace Dlvx.Host.Api;

/// <summary>The argument of <c>Dlvx.Run</c>.</summary>
/// <param name="Command">The command name; it may hold more words (<c>heap-stats diff</c>), split like a shell line.</param>
/// <param name="Args">The arguments after the name.</param>
/// <param name="Progress">
/// Whether dlvx may send <c>Dlvx.Progress</c> notifications on the connection while the command runs.
/// Off by default: Go's net/rpc client (the dlv terminal, GoLand) drops a connection on a message it
/// did not ask for, so only clients that handle notifications (dlvx's own) turn it on.
/// </param>
internal sealed record RunRequest(string? Command, IReadOnlyList<string>? Args = null, bool Progress = false);
