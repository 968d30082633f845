using Dlvx.Sdk.Delve;

namespace Dlvx.Host.Api;

/// <summary>
/// The answer dlvx gives to <c>RPCServer.Eval</c> of <c>dlv COMMAND</c>: Delve's <c>EvalOut</c> holding
/// the command's text as a Go string value, which every client (the dlv terminal's Starlark shim,
/// GoLand's watch and evaluate windows) prints as it is.
/// </summary>
/// <param name="Variable">The value.</param>
internal sealed record EvalResponse(Variable Variable)
{
    /// <summary>The one place the string value is built.</summary>
    /// <param name="expression">The expression as the client typed it, for example <c>dlv heap-stats</c>.</param>
    /// <param name="text">The command's output.</param>
    public static EvalResponse ForText(string expression, string text) => new(new Variable
    {
        Name = expression,
        Type = "string",
        RealType = "string",
        Kind = GoKind.String,
        Value = text,
        Len = text.Length,
    });
}
