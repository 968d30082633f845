namespace Dlvx.Sdk.Testing;

/// <summary>
/// A replayed command asked Delve something its recording does not answer. The message names the
/// request (method and params) and the recording.
/// </summary>
/// <remarks>
/// Deliberately not a <see cref="Dlvx.Sdk.Delve.DelveException"/>: a command that handles Delve's errors
/// must not take a gap in the recording for one of them.
/// </remarks>
public sealed class DelveReplayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DelveReplayException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DelveReplayException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public DelveReplayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The request's JSON-RPC method, for example <c>RPCServer.Eval</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The request's params as JSON, as they would have been sent to Delve.</summary>
    public string? Params { get; init; }
}
