namespace Dlvx.Host.DapLaunch;

/// <summary>How an editor's connection to <c>dlvx dap</c> ended.</summary>
internal enum DapSessionOutcome
{
    /// <summary>The editor disconnected, or closed the connection: the session is over.</summary>
    Ended,

    /// <summary>
    /// The editor disconnected from a launched program with <c>terminateDebuggee</c> false: the program
    /// stays under Delve, served on the session's front port, until dlvx is stopped.
    /// </summary>
    KeepServing,
}
