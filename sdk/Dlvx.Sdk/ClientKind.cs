namespace Dlvx.Sdk;

/// <summary>The route through which a command was invoked.</summary>
public enum ClientKind
{
    /// <summary>Not known, or an in-memory test.</summary>
    Unknown = 0,

    /// <summary>JSON-RPC: <c>Dlvx.Run</c>, or <c>RPCServer.Eval</c> of <c>dlv COMMAND</c> (the dlv terminal, GoLand).</summary>
    JsonRpc = 1,

    /// <summary>DAP: <c>evaluate</c> of <c>dlv COMMAND</c> (the VS Code debug console).</summary>
    Dap = 2,
}
