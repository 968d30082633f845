namespace Dlvx.Host.JsonRpc;

/// <summary>The part of Delve's <c>EvalIn</c> that dlvx reads to recognise <c>dlv COMMAND</c>.</summary>
/// <param name="Expr">The expression typed by the user.</param>
internal sealed record DelveEvalArguments(string? Expr);
