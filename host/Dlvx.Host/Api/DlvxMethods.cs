namespace Dlvx.Host.Api;

/// <summary>
/// The JSON-RPC methods dlvx answers itself, beside Delve's own <c>RPCServer.*</c>. Each takes the
/// request type named after it and answers with the matching response type; the server, the shell
/// clients and the tests all use these types, so the wire contract is written down once.
/// </summary>
internal static class DlvxMethods
{
    /// <summary>Every dlvx method starts with this; Delve has no such method.</summary>
    public const string Prefix = "Dlvx.";

    /// <summary><see cref="ListCommandsRequest"/> to <see cref="ListCommandsResponse"/>.</summary>
    public const string ListCommands = "Dlvx.ListCommands";

    /// <summary><see cref="RunRequest"/> to <see cref="RunResponse"/>.</summary>
    public const string Run = "Dlvx.Run";

    /// <summary><see cref="StatsRequest"/> to <see cref="StatsResponse"/>.</summary>
    public const string Stats = "Dlvx.Stats";

    /// <summary><see cref="ReloadPluginsRequest"/> to <see cref="ReloadPluginsResponse"/>: what <c>dlvx plugins reload</c> asks.</summary>
    public const string ReloadPlugins = "Dlvx.ReloadPlugins";

    /// <summary>
    /// A notification (no id) carrying a <see cref="ProgressNotification"/>, sent while a
    /// <see cref="Run"/> whose request asked for progress is running.
    /// </summary>
    public const string Progress = "Dlvx.Progress";

    /// <summary>The methods a client can call, for error messages.</summary>
    public static IReadOnlyList<string> Callable { get; } = [ListCommands, Run, Stats, ReloadPlugins];
}
